export type { Archetype } from './archetypes.ts'
export { DEFAULT_AS_OF, type DemoOrg, type DemoOrgOptions, generateDemoOrg } from './generate-demo-org.ts'
export { DEMO_PASSWORD, type DemoLogin } from './org.ts'
