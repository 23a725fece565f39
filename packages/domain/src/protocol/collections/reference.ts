import { customFieldSchema } from '../../model/custom-field.ts'
import { productSchema } from '../../model/product.ts'
import { servicePolicySchema } from '../../model/service-policy.ts'
import { tagRuleSchema } from '../../model/tag-rule.ts'
import { teamSchema } from '../../model/team.ts'
import { clusterModelSchema } from '../../segmentation/cluster-model.ts'
import { populationThresholdsSchema } from '../../segmentation/population-thresholds.ts'
import { columns, defineCollection } from '../collection-definition.ts'

/** Reference data: written by supervisors through the HTTP API or by imports, pulled by every device. */
export const products = defineCollection({
  schema: productSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'everyone' },
  table: 'products',
  columns: [],
})

export const policies = defineCollection({
  schema: servicePolicySchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'everyone' },
  table: 'policies',
  columns: [],
})

export const tagRules = defineCollection({
  schema: tagRuleSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'everyone' },
  table: 'tag_rules',
  columns: [],
})

export const teams = defineCollection({
  schema: teamSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'ownTeam' },
  table: 'teams',
  columns: [],
})

/**
 * Population thresholds (score breakpoints, tier cut-offs in money, means), computed by the server over
 * the organisation and each team; a device picks the one its policy names (`thresholdsFor`).
 */
export const populationThresholds = defineCollection({
  schema: populationThresholdsSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'everyone' },
  table: 'population_thresholds',
  columns: [],
})

/** Custom fields an admin defines for customers (key, labels, type, options); values live on customers. */
export const customFieldDefinitions = defineCollection({
  schema: customFieldSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'everyone' },
  table: 'custom_field_definitions',
  columns: [],
})

/**
 * A team's k-means clusters as its supervisor named and saved them (one row per team, replaced on each
 * save); the team's devices pull it and put each customer in the nearest centre (`clusterOfRfm`).
 */
export const clusterModels = defineCollection({
  schema: clusterModelSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'teamMembers' },
  table: 'cluster_models',
  columns: [columns.text('team_id', 'teamId')],
})
