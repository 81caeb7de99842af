import { PrivacyNotice } from '../../domain/privacy';
import { FeedbackQuestion, localisedText, RegistrationQuestion } from '../../domain/schemas';
import { SessionView } from '../../domain/views';
import * as z from '../../domain/zod';
import { eraseByToken, exportByToken, getPublicProgramme, type PrivacyDeps } from '../../usecases/privacy';
import { problems } from '../openapi';
import { ProgrammeIdParams, TokenParams } from '../path-params';
import { publicRoute } from '../route';
import { NO_STORE } from './deps';

export const PublicProgrammeView = z.object({
  id: z.string(),
  title: localisedText(),
  feedbackQuestions: z.array(FeedbackQuestion),
  registrationQuestions: z.optional(z.array(RegistrationQuestion)),
  areas: z.optional(
    z.object({ options: z.array(z.object({ id: z.string(), label: localisedText() })), askPostcode: z.boolean() }),
  ),
  privacyNotice: z.nullable(PrivacyNotice),
});

const ErasureView = z.object({
  at: z.string(),
  scope: z.literal('registration'),
  cancelled: z.number().check(z.int()),
  anonymised: z.number().check(z.int()),
});

const ExportView = z.object({
  exportedAt: z.string(),
  scope: z.literal('registration'),
  explanation: z.string(),
  programme: z.nullable(z.object({ id: z.string(), title: localisedText(), privacyNotice: z.nullable(PrivacyNotice) })),
  session: SessionView,
  registration: z.record(z.string(), z.unknown()),
  consent: z.object({ givenAt: z.string(), privacyNotice: z.nullable(PrivacyNotice) }),
  retention: z.object({ personalDataErasedAfter: z.nullable(z.string()) }),
  feedback: z.nullable(z.record(z.string(), z.unknown())),
  mails: z.array(
    z.object({
      entry: z.string(),
      status: z.string(),
      claimedAt: z.nullable(z.string()),
      sentAt: z.nullable(z.string()),
    }),
  ),
  otherRecords: z.array(z.record(z.string(), z.unknown())),
});

export const privacyRoutes = [
  publicRoute({
    method: 'GET',
    path: '/programmes/{programmeId}',
    params: ProgrammeIdParams,
    notFound: 'programme',
    summary: 'A programme as the forms need it: feedback and registration questions, the privacy notice to link to',
    responses: {
      '200': { description: 'The programme', schema: z.object({ programme: PublicProgrammeView }) },
      ...problems(404),
    },
    handle: async ({ params }, deps: Pick<PrivacyDeps, 'sessions'>) => ({
      status: 200,
      json: { programme: await getPublicProgramme(deps, params.programmeId) },
      headers: { 'cache-control': 'public, max-age=300' },
    }),
  }),
  publicRoute({
    method: 'GET',
    path: '/registrations/{token}/export',
    params: TokenParams,
    notFound: 'registration',
    summary: 'Everything held about this registration (AVG access and portability), as a JSON download',
    responses: { '200': { description: 'The export', schema: ExportView }, ...problems(404) },
    handle: async ({ params }, deps: PrivacyDeps) => {
      const data = await exportByToken(deps, params.token);
      return {
        status: 200,
        json: data,
        headers: {
          ...NO_STORE,
          'content-disposition': `attachment; filename="registration-${data.registration.id}.json"`,
        },
      };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/registrations/{token}/erase',
    params: TokenParams,
    notFound: 'registration',
    summary:
      'Erase this registration: cancelled when its session is still to come (the seat goes to the waiting list), personal data removed, the link stops working',
    responses: {
      '200': { description: 'Erased', schema: z.object({ erasure: ErasureView }) },
      '404': { ...problems(404)['404'], description: 'Unknown or already erased' },
    },
    handle: async ({ params }, deps: PrivacyDeps) => {
      const record = await eraseByToken(deps, params.token);
      return {
        status: 200,
        json: {
          erasure: { at: record.at, scope: record.scope, cancelled: record.cancelled, anonymised: record.anonymised },
        },
        headers: NO_STORE,
      };
    },
  }),
];
