import { z } from 'zod'
import { reviewSchema } from '../model/visit.ts'
import { defineEndpoint } from './endpoint.ts'

const reviewReply = z.object({ id: z.string(), review: reviewSchema })

/** A supervisor approves or comments on a visit of their team; an approval keeps an earlier comment. */
export const reviewVisit = defineEndpoint({
  method: 'POST',
  path: '/api/visits/:id/review',
  body: z.object({ status: z.enum(['approved', 'commented']), comment: z.string().max(2000).optional() }),
  response: reviewReply,
})

/** The rep of a reviewed visit replies to the review, once. */
export const replyToReview = defineEndpoint({
  method: 'POST',
  path: '/api/visits/:id/review/reply',
  body: z.object({ text: z.string().trim().min(1).max(2000) }),
  response: reviewReply,
})
