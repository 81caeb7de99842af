import * as z from 'zod';
import { NotFound } from '../../shared/domain/errors';
import { PrivacyNotice } from '../../shared/domain/privacy';
import { FeedbackQuestion, localisedText, SlugId } from '../../shared/domain/schemas';
import { SessionView } from '../../shared/domain/views';
import type { OperationDoc } from '../../shared/http/openapi';
import type { RouteHandler } from '../../shared/http/types';
import { eraseByToken, exportByToken, getPublicProgramme, type PrivacyDeps } from '../../shared/usecases/privacy';

const NO_STORE = { 'cache-control': 'no-store' };

/** Privacy routes of the public API (AVG): the programme's notice for the forms, export and erasure. */
export function createPrivacyRoutes(deps: PrivacyDeps): Record<string, RouteHandler> {
  return {
    'GET /programmes/{programmeId}': async (req) => {
      const id = req.params.programmeId ?? '';
      if (!SlugId.safeParse(id).success) throw new NotFound('programme');
      return {
        status: 200,
        json: { programme: await getPublicProgramme(deps, id) },
        headers: { 'cache-control': 'public, max-age=300' },
      };
    },

    'GET /registrations/{token}/export': async (req) => {
      const data = await exportByToken(deps, req.params.token ?? '');
      return {
        status: 200,
        json: data,
        headers: {
          ...NO_STORE,
          'content-disposition': `attachment; filename="registration-${data.registration.id}.json"`,
        },
      };
    },

    'POST /registrations/{token}/erase': async (req) => {
      const record = await eraseByToken(deps, req.params.token ?? '');
      return {
        status: 200,
        json: {
          erasure: { at: record.at, scope: record.scope, cancelled: record.cancelled, anonymised: record.anonymised },
        },
        headers: NO_STORE,
      };
    },
  };
}

const ProblemRef = { description: 'Problem details (RFC 9457)', contentType: 'application/problem+json' };

export const PublicProgrammeView = z.object({
  id: z.string(),
  title: localisedText(),
  feedbackQuestions: z.array(FeedbackQuestion),
  privacyNotice: PrivacyNotice.nullable(),
});

const ErasureView = z.object({
  at: z.string(),
  scope: z.literal('registration'),
  cancelled: z.number().int(),
  anonymised: z.number().int(),
});

const ExportView = z.object({
  exportedAt: z.string(),
  scope: z.literal('registration'),
  explanation: z.string(),
  programme: z.object({ id: z.string(), title: localisedText(), privacyNotice: PrivacyNotice.nullable() }).nullable(),
  session: SessionView,
  registration: z.record(z.string(), z.unknown()),
  consent: z.object({ givenAt: z.string(), privacyNotice: PrivacyNotice.nullable() }),
  retention: z.object({ personalDataErasedAfter: z.string().nullable() }),
  feedback: z.record(z.string(), z.unknown()).nullable(),
  mails: z.array(
    z.object({
      entry: z.string(),
      status: z.string(),
      claimedAt: z.string().nullable(),
      sentAt: z.string().nullable(),
    }),
  ),
  otherRecords: z.array(z.record(z.string(), z.unknown())),
});

export const privacyOperations: Record<string, OperationDoc> = {
  'GET /programmes/{programmeId}': {
    summary: 'A programme as the forms need it: feedback questions and the privacy notice to link to',
    responses: {
      '200': { description: 'The programme', schema: z.object({ programme: PublicProgrammeView }) },
      '404': ProblemRef,
    },
  },
  'GET /registrations/{token}/export': {
    summary: 'Everything held about this registration (AVG access and portability), as a JSON download',
    responses: { '200': { description: 'The export', schema: ExportView }, '404': ProblemRef },
  },
  'POST /registrations/{token}/erase': {
    summary:
      'Erase this registration: cancelled when its session is still to come (the seat goes to the waiting list), personal data removed, the link stops working',
    responses: {
      '200': { description: 'Erased', schema: z.object({ erasure: ErasureView }) },
      '404': { ...ProblemRef, description: 'Unknown or already erased' },
    },
  },
};
