import { z } from 'zod'
import { isoDateSchema, isoDateTimeSchema } from '../model/common.ts'
import {
  clusterModelSchema,
  clusterNameSchema,
  MAX_CLUSTERS,
  MIN_CLUSTERS,
  rfmScalingSchema,
} from '../segmentation/cluster-model.ts'
import { defineEndpoint } from './endpoint.ts'

const finite = z.number().finite()

/** What a supervisor saves: the chosen clustering and a name per cluster (the server stamps the rest). */
const clusterModelBody = z
  .object({
    k: z.number().int().min(MIN_CLUSTERS).max(MAX_CLUSTERS),
    centres: z
      .array(z.tuple([finite, finite, finite]))
      .min(MIN_CLUSTERS)
      .max(MAX_CLUSTERS),
    scaling: rfmScalingSchema,
    names: z.array(clusterNameSchema).min(MIN_CLUSTERS).max(MAX_CLUSTERS),
    computedAt: isoDateTimeSchema,
    asOf: isoDateSchema,
    population: z.number().int().min(0),
  })
  .refine((b) => b.centres.length === b.k && b.names.length === b.k, {
    message: 'a cluster model has k centres and k names',
  })
export type ClusterModelBody = z.infer<typeof clusterModelBody>

/** A team's cluster model (also pulled by the team's devices); null before one was saved. */
export const loadClusterModel = defineEndpoint({
  method: 'GET',
  path: '/api/teams/:teamId/clusters',
  response: clusterModelSchema.nullable(),
})

/** Saves (replaces) a team's cluster model: a supervisor of that team, or an admin. */
export const saveClusterModel = defineEndpoint({
  method: 'PUT',
  path: '/api/teams/:teamId/clusters',
  body: clusterModelBody,
  response: clusterModelSchema,
})
