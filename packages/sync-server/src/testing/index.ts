export { customerDoc, PASSWORD, seedTinyOrg, visitDoc } from './fixtures.ts'
export { startTestApp } from './test-app.ts'
export { freshPostgres, postgresBaseUrl, stores, type TestDb } from './test-db.ts'
export { login, TestDevice } from './ws-client.ts'
