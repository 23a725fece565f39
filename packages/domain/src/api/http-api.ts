import * as auth from './auth-api.ts'
import * as clusters from './clusters-api.ts'
import * as customFields from './custom-fields-api.ts'
import * as customers from './customers-api.ts'
import * as files from './files-api.ts'
import * as imports from './import-api.ts'
import * as people from './people-api.ts'
import * as policies from './policies-api.ts'
import * as products from './products-api.ts'
import * as review from './review-api.ts'
import * as setup from './setup-api.ts'

/**
 * Every `/api` action by name (`httpApi.reviewVisit`): the server registers its routes on these paths
 * and parses with these schemas; the PWA's client calls them by the same name.
 */
export const httpApi = {
  login: auth.login,
  changePassword: auth.changePassword,
  acceptInvite: auth.acceptInvite,
  refreshSession: auth.refreshSession,
  logout: auth.logout,
  me: auth.me,
  assignCustomers: customers.assignCustomers,
  mergeCustomers: customers.mergeCustomers,
  listDuplicateCustomers: customers.listDuplicateCustomers,
  reviewVisit: review.reviewVisit,
  replyToReview: review.replyToReview,
  listPolicies: policies.listPolicies,
  savePolicy: policies.savePolicy,
  saveTargets: policies.saveTargets,
  listTagRules: policies.listTagRules,
  createTagRule: policies.createTagRule,
  updateTagRule: policies.updateTagRule,
  retireTagRule: policies.retireTagRule,
  importCustomers: imports.importCustomers,
  importOrders: imports.importOrders,
  importProducts: imports.importProducts,
  loadImportMapping: imports.loadImportMapping,
  exportVisitsCsv: files.exportVisitsCsv,
  exportSegmentsCsv: files.exportSegmentsCsv,
  exportAuditCsv: files.exportAuditCsv,
  uploadPhoto: files.uploadPhoto,
  readPhoto: files.readPhoto,
  setupStatus: setup.setupStatus,
  completeSetup: setup.completeSetup,
  loadOrganisation: setup.loadOrganisation,
  saveOrganisation: setup.saveOrganisation,
  listUsers: people.listUsers,
  createUser: people.createUser,
  changeUser: people.changeUser,
  resetPassword: people.resetPassword,
  bulkCreateUsers: people.bulkCreateUsers,
  listTeams: people.listTeams,
  createTeam: people.createTeam,
  updateTeam: people.updateTeam,
  listAudit: people.listAudit,
  listProducts: products.listProducts,
  createProduct: products.createProduct,
  updateProduct: products.updateProduct,
  listCustomFields: customFields.listCustomFields,
  createCustomField: customFields.createCustomField,
  updateCustomField: customFields.updateCustomField,
  loadClusterModel: clusters.loadClusterModel,
  saveClusterModel: clusters.saveClusterModel,
} as const
export type HttpApi = typeof httpApi
