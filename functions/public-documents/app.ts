import { httpApiHandler } from '../../shared/http/middleware';
import { type PublicDocumentsDeps, publicDocuments } from '../../shared/http/public/documents';
import { dispatchTable } from '../../shared/http/route';

/** The public documents function: calendar files and the OpenAPI document behind the one middy chain. */
export function createPublicDocumentsHandler(deps: PublicDocumentsDeps) {
  return httpApiHandler(dispatchTable('public-documents', publicDocuments, deps));
}
