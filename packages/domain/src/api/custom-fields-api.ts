import { z } from 'zod'
import { customFieldKeySchema, customFieldSchema, customFieldTypeSchema } from '../model/custom-field.ts'
import { defineEndpoint } from './endpoint.ts'

const label = z.string().trim().min(1).max(200)
const customFieldBody = z.object({
  key: customFieldKeySchema,
  label: z.object({ en: label, zh: label }),
  type: customFieldTypeSchema,
  options: z.array(label).max(100).default([]),
  required: z.boolean().default(false),
  active: z.boolean().default(true),
})
export type CustomFieldInput = z.infer<typeof customFieldBody>

/** Custom fields for customers: reference data every device pulls; only admins define them. */
export const listCustomFields = defineEndpoint({
  method: 'GET',
  path: '/api/admin/custom-fields',
  response: z.array(customFieldSchema),
})
export const createCustomField = defineEndpoint({
  method: 'POST',
  path: '/api/admin/custom-fields',
  body: customFieldBody,
  response: customFieldSchema,
})
export const updateCustomField = defineEndpoint({
  method: 'PUT',
  path: '/api/admin/custom-fields/:id',
  body: customFieldBody,
  response: customFieldSchema,
})
