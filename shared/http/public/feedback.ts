import {
  FEEDBACK_LIMITS,
  FeedbackPageView,
  FeedbackSubmissionDoc,
  FeedbackView,
  refusalMessage,
  toFeedbackView,
} from '../../domain/feedback';
import { feedbackUrl } from '../../domain/links';
import { toSessionView } from '../../domain/views';
import * as z from '../../domain/zod';
import { type FeedbackDeps, findFeedbackByToken, submitFeedback } from '../../usecases/feedback';
import { parseBody } from '../body';
import { wantsHtml } from '../middleware';
import { problems } from '../openapi';
import { TokenParams } from '../path-params';
import { publicRoute } from '../route';
import type { HttpResponse } from '../types';
import { NO_STORE } from './deps';

export const feedbackRoutes = [
  publicRoute({
    method: 'GET',
    path: '/feedback/{token}',
    params: TokenParams,
    notFound: 'registration',
    summary: 'The feedback form of a registration: questions, window, and the current submission to prefill',
    responses: { '200': { description: 'The feedback context', schema: FeedbackPageView }, ...problems(404) },
    handle: async ({ params }, deps: FeedbackDeps) => {
      const ctx = await findFeedbackByToken(deps, params.token);
      return {
        status: 200,
        json: {
          session: toSessionView(ctx.session, deps.clock.now()),
          questions: ctx.questions,
          window: { ...ctx.window, state: ctx.state },
          accepting: ctx.refusal === null,
          refusal: ctx.refusal === null ? null : { slug: ctx.refusal, detail: refusalMessage(ctx.refusal) },
          feedback: ctx.feedback ? toFeedbackView(ctx.feedback) : null,
          limits: FEEDBACK_LIMITS,
        },
        headers: NO_STORE,
      };
    },
  }),
  publicRoute({
    method: 'POST',
    path: '/feedback/{token}',
    params: TokenParams,
    notFound: 'registration',
    // The programme's questions shape the schema, so the use case validates the body.
    documentedBody: FeedbackSubmissionDoc,
    summary:
      'Submit or change the feedback of a registration (JSON or an HTML form post with answers[<questionId>] fields). ' +
      '409 slugs: feedback-not-open, feedback-closed, registration-cancelled, registration-not-confirmed, marked-absent, session-cancelled',
    responses: {
      '201': { description: 'Stored (the first submission)', schema: z.object({ feedback: FeedbackView }) },
      '200': { description: 'Stored, replacing the earlier submission', schema: z.object({ feedback: FeedbackView }) },
      '303': { description: 'A browser form post is redirected to the feedback page' },
      ...problems(400, 404, 409, 413, 415),
    },
    handle: async ({ params, req }, deps: FeedbackDeps & { publicBaseUrl: string }): Promise<HttpResponse> => {
      const { feedback, created } = await submitFeedback(deps, params.token, (schema) => parseBody(req, schema));
      if (wantsHtml(req)) {
        // A plain HTML form post (no JavaScript): back to the feedback page, which shows what was saved.
        return {
          status: 303,
          json: undefined,
          headers: { location: `${feedbackUrl(deps.publicBaseUrl, params.token)}&saved=1`, ...NO_STORE },
        };
      }
      return { status: created ? 201 : 200, json: { feedback: toFeedbackView(feedback) }, headers: NO_STORE };
    },
  }),
];
