import { ImportQuery, ProgrammePut } from '../../domain/admin-schemas';
import type { Programme } from '../../domain/model';
import { versionOf } from '../../domain/programme';
import { ProgrammeFile, programmeSettingsShape } from '../../domain/schemas';
import * as z from '../../domain/zod';
import type { OrganiserDeps } from '../../usecases/organiser/deps';
import { importProgramme } from '../../usecases/organiser/import';
import { listProgrammes, putProgramme, requireProgramme } from '../../usecases/organiser/programmes';
import { JSON_BODY_ONLY, problems } from '../openapi';
import { ProgrammeIdParams } from '../path-params';
import { organiserRoute } from '../route';
import { ok } from './deps';

/** A programme as organisers read it: its settings, `version` (for `expectedVersion`) and when it was written. */
const ProgrammeView = z.object({
  id: z.string(),
  ...programmeSettingsShape,
  version: z.number().check(z.int()),
  createdAt: z.nullable(z.string()),
  updatedAt: z.nullable(z.string()),
});

const programmeView = (p: Programme) => ({
  ...p,
  version: versionOf(p),
  createdAt: p.createdAt ?? null,
  updatedAt: p.updatedAt ?? null,
});

const outcomes = ['created', 'updated', 'unchanged', 'missing', 'conflict'] as const;
const ImportReportView = z.object({
  programme: z.enum(['created', 'updated', 'unchanged']),
  dryRun: z.boolean(),
  sessions: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(outcomes),
      notified: z.number().check(z.int()),
      reason: z.optional(z.string()),
    }),
  ),
});

export const programmeAdminRoutes = [
  organiserRoute({
    method: 'GET',
    path: '/admin/programmes',
    summary: 'All programmes with their settings and version',
    responses: {
      '200': { description: 'Programmes', schema: z.object({ programmes: z.array(ProgrammeView) }) },
      ...problems(401, 403),
    },
    handle: async (_input, deps: OrganiserDeps) => ok({ programmes: (await listProgrammes(deps)).map(programmeView) }),
  }),
  organiserRoute({
    method: 'GET',
    path: '/admin/programmes/{programmeId}',
    params: ProgrammeIdParams,
    notFound: 'programme',
    summary: "A programme's settings and version",
    responses: { '200': { description: 'The programme', schema: ProgrammeView }, ...problems(401, 403, 404) },
    handle: async ({ params }, deps: OrganiserDeps) =>
      ok(programmeView(await requireProgramme(deps, params.programmeId))),
  }),
  organiserRoute({
    method: 'PUT',
    path: '/admin/programmes/{programmeId}',
    params: ProgrammeIdParams,
    notFound: 'programme',
    body: ProgrammePut,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: "Create (201) or replace (200) a programme's settings",
    description:
      'Everything a programme file holds except its sessions. Creating takes no `expectedVersion`; replacing ' +
      'needs the `version` last read, and a stale one is refused (409 `version-conflict`). Settings equal to the ' +
      'stored ones keep the version.',
    responses: {
      '200': { description: 'Replaced (or unchanged)', schema: ProgrammeView },
      '201': { description: 'Created', schema: ProgrammeView },
      ...problems(400, 401, 403, 409, 413, 415),
    },
    handle: async ({ params, body, organiser }, deps: OrganiserDeps) => {
      const { expectedVersion, ...settings } = body;
      const { programme, outcome } = await putProgramme(deps, organiser, params.programmeId, settings, expectedVersion);
      return ok(programmeView(programme), outcome === 'created' ? 201 : 200);
    },
  }),
  organiserRoute({
    method: 'POST',
    path: '/admin/programmes/import',
    query: ImportQuery,
    queryDescriptions: { dryRun: '`true`: answer the same report without writing anything' },
    body: ProgrammeFile,
    bodyMediaTypes: JSON_BODY_ONLY,
    summary: 'Import a whole programme file: settings and sessions, one outcome per session',
    description:
      'Each session is `created`, `updated` (through the same edit path as `PATCH /admin/sessions/{id}`: version + 1 ' +
      'where registrants must hear of it, and they get the updated invite), `unchanged`, `conflict` (with the reason; ' +
      'the rest of the import goes on) or `missing` (stored, not in the file: kept). `notified` counts the registrants ' +
      'mailed about the change. Importing the same file again answers `unchanged` everywhere.',
    responses: {
      '200': { description: 'The report', schema: ImportReportView },
      ...problems(400, 401, 403, 409, 413, 415),
    },
    handle: async ({ query, body, organiser }, deps: OrganiserDeps) =>
      ok(await importProgramme(deps, organiser, body, { dryRun: query.dryRun })),
  }),
];
