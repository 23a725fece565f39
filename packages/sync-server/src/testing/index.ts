export * from './fixtures.ts'
export * from './test-app.ts'
export * from './test-db.ts'
export * from './ws-client.ts'
