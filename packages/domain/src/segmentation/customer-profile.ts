import type { Tier } from '../model/customer.ts'
import type { ScoreParts } from './customer-score.ts'
import type { Explanation, Label } from './explanation.ts'
import type { LifecycleStage } from './lifecycle-stage.ts'

/** The facts behind each label and score of a profile. */
export interface ProfileExplanations {
  segment: Explanation[]
  tier: Explanation[]
  lifecycle: Explanation[]
  /** One per tag, in tag order. */
  tags: Explanation[]
  score: Explanation[]
  visitCadence: Explanation[]
}

export interface CustomerRfm {
  /** Null for customers who never bought. */
  recencyDays: number | null
  frequency: number
  monetary: number
  /** Quintile scores 1–5; 0 without purchases. */
  r: number
  f: number
  m: number
  firstPurchase: string | null
  lastPurchase: string | null
}

export interface CustomerProfile {
  readonly customerId: string
  readonly rfm: CustomerRfm
  /** RFM segment key (see `rfmSegmentLabels`), null for customers who never bought. */
  readonly segment: string | null
  readonly segmentLabel: Label | null
  readonly tier: Tier
  readonly lifecycle: LifecycleStage
  /** Behaviour tags, then the tags of matching user rules. */
  readonly tags: string[]
  readonly score: number
  readonly scoreParts: ScoreParts
  /** Visit cadence owed: the tier's, or a sooner segment or lifecycle override. */
  readonly visitEveryDays: number
  /** k-means cluster (buyers only, when clustering was asked for). */
  readonly cluster: number | null
  /** That cluster's stable id (a saved model's; the index as text for a fresh run): what rules and filters name. */
  readonly clusterId: string | null
  readonly explanations: ProfileExplanations
}

type ProfileFacts = Omit<CustomerProfile, 'explanations'>

/**
 * A profile whose explanations are built when first read (and then kept): a pass over many customers
 * pays for labels and scores, and only the profiles someone opens pay for their sentences.
 * `toJSON` includes them, so serialised profiles are complete.
 */
export class LazyCustomerProfile implements CustomerProfile {
  readonly customerId: string
  readonly rfm: CustomerRfm
  readonly segment: string | null
  readonly segmentLabel: Label | null
  readonly tier: Tier
  readonly lifecycle: LifecycleStage
  readonly tags: string[]
  readonly score: number
  readonly scoreParts: ScoreParts
  readonly visitEveryDays: number
  readonly cluster: number | null
  readonly clusterId: string | null
  #explain: ((p: ProfileFacts) => ProfileExplanations) | null
  #explanations: ProfileExplanations | null = null

  constructor(facts: ProfileFacts, explain: (p: ProfileFacts) => ProfileExplanations) {
    this.customerId = facts.customerId
    this.rfm = facts.rfm
    this.segment = facts.segment
    this.segmentLabel = facts.segmentLabel
    this.tier = facts.tier
    this.lifecycle = facts.lifecycle
    this.tags = facts.tags
    this.score = facts.score
    this.scoreParts = facts.scoreParts
    this.visitEveryDays = facts.visitEveryDays
    this.cluster = facts.cluster
    this.clusterId = facts.clusterId
    this.#explain = explain
  }

  get explanations(): ProfileExplanations {
    if (this.#explanations === null) {
      this.#explanations = (this.#explain as (p: ProfileFacts) => ProfileExplanations)(this)
      this.#explain = null
    }
    return this.#explanations
  }

  toJSON(): ProfileFacts & { explanations: ProfileExplanations } {
    return { ...this, explanations: this.explanations }
  }
}
