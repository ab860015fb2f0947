/** zod schemas of compliance checklists, project compliance and the portfolio compliance matrix. */
import { z } from 'zod';
import { DateOnly, LongText, Name, Uuid, Version } from '../../server/schemas.js';

const Key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ or - (at most 64)');

/**
 * Facts a rule can read: `riskRegister.lastReviewedOn` (the latest risk register review), `riskRegister.lastChangedOn`
 * (the latest change to one of the project's risks), `gate.<gate key>.passedOn` (the latest go decision at that gate).
 */
export const FactName = z.string().regex(/^(riskRegister\.lastReviewedOn|riskRegister\.lastChangedOn|gate\.[a-z0-9][a-z0-9_-]{0,63}\.passedOn)$/, 'a known fact: riskRegister.lastReviewedOn, riskRegister.lastChangedOn or gate.<gate key>.passedOn');

export const ComplianceRuleSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('attestation') }),
    z.strictObject({ kind: z.literal('evidence'), minEvidence: z.number().int().min(1).max(20).optional() }),
    z.strictObject({ kind: z.literal('recency'), maxAgeDays: z.number().int().min(0).max(3660), fact: FactName.optional() }),
    z.strictObject({ kind: z.literal('fact'), fact: FactName }),
  ])
  .meta({ id: 'ComplianceRule' });

export const ComplianceItemSchema = z
  .strictObject({ id: Key, stage: Key, title: Name, rule: ComplianceRuleSchema, required: z.boolean().default(true) })
  .meta({ id: 'ComplianceItem' });

export const ChecklistResponse = z
  .object({
    lifecycleId: z.uuid(),
    lifecycleName: z.string(),
    stages: z.array(z.object({ key: z.string(), name: z.string() })),
    /** Gates of the lifecycle: `gate.<key>.passedOn` facts name them. */
    gates: z.array(z.object({ key: z.string(), name: z.string(), to: z.string() })),
    items: z.array(ComplianceItemSchema),
    /** 0 while no checklist is stored (the standard lifecycle then shows the example checklist). */
    version: z.number().int(),
  })
  .meta({ id: 'ComplianceChecklist' });

export const PutChecklistBody = z.strictObject({ items: z.array(ComplianceItemSchema).max(200), version: z.number().int().min(0).max(2_000_000_000).optional() });
export const LifecycleParams = z.strictObject({ lifecycleId: Uuid });

export const ComplianceStatusEnum = z.enum(['met', 'not-met', 'expired', 'not-applicable']);

export const ProjectComplianceResponse = z
  .object({
    projectId: z.uuid(),
    lifecycleId: z.uuid(),
    stage: z.string(),
    stageName: z.string(),
    asOf: z.string(),
    compliant: z.boolean(),
    percent: z.number().int(),
    applicableCount: z.number().int(),
    metCount: z.number().int(),
    facts: z.record(z.string(), z.string().nullable()),
    items: z.array(
      z.object({
        id: z.string(),
        stage: z.string(),
        stageName: z.string(),
        title: z.string(),
        rule: ComplianceRuleSchema,
        required: z.boolean(),
        status: ComplianceStatusEnum,
        ageDays: z.number().int().nullable(),
        record: z.object({ completedOn: z.string().nullable(), evidenceUrls: z.array(z.string()), note: z.string(), recordedByName: z.string().nullable(), updatedAt: z.string(), version: z.number().int() }).nullable(),
      }),
    ),
    canRecord: z.boolean(),
  })
  .meta({ id: 'ProjectCompliance' });

const EvidenceUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const RecordComplianceBody = z.strictObject({
  completedOn: DateOnly.nullable().optional(),
  evidenceUrls: z.array(EvidenceUrl).max(20).optional(),
  note: LongText.optional(),
  /** The record's version when it exists (or If-Match). */
  version: Version.optional(),
});
export const ComplianceItemParams = z.strictObject({ id: Uuid, itemId: Key });

export const RegisterReviewBody = z.strictObject({ note: LongText.optional() });
export const RegisterReviewResponse = z.object({ id: z.uuid(), projectId: z.uuid(), reviewedOn: z.string(), reviewedByName: z.string().nullable(), note: z.string() }).meta({ id: 'RiskRegisterReview' });

export const MatrixQuery = z.strictObject({ portfolioId: Uuid.optional(), programId: Uuid.optional(), includeClosed: z.enum(['true', 'false']).default('false') });

export const ComplianceMatrixResponse = z
  .object({
    asOf: z.string(),
    lifecycles: z.array(
      z.object({
        lifecycleId: z.uuid(),
        lifecycleName: z.string(),
        items: z.array(z.object({ id: z.string(), stage: z.string(), title: z.string(), required: z.boolean() })),
        rows: z.array(z.object({ projectId: z.uuid(), projectCode: z.string(), projectName: z.string(), stage: z.string(), stageName: z.string(), cells: z.array(ComplianceStatusEnum), percent: z.number().int(), compliant: z.boolean() })),
      }),
    ),
    projectCount: z.number().int(),
    compliantCount: z.number().int(),
  })
  .meta({ id: 'ComplianceMatrix' });
