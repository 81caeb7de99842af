import { httpApiHandler } from '../../shared/http/middleware';
import { type PublicDocumentsDeps, publicDocuments } from '../../shared/http/public/documents';
import { dispatchTable } from '../../shared/http/route';

/**
 * The public documents function: calendar files, the person's feed and the OpenAPI document behind
 * the one middy chain; with `originSecret` (AWS) it refuses requests that did not come through CloudFront.
 */
export function createPublicDocumentsHandler(deps: PublicDocumentsDeps, options: { originSecret?: string } = {}) {
  return httpApiHandler(dispatchTable('public-documents', publicDocuments, deps), options);
}
