import { type Kpi, median, ratioKpi } from './kpi.ts'

/** The key figures of one group (or of everyone) over one period. */
export interface KpiSet {
  /** Customers in the group (merged-away records excluded). */
  customers: number
  /** Revenue of placed orders in the period (value = sum; denominator = orders). */
  revenue: Kpi
  /** Buyers of the previous period of equal length who bought again in this one. */
  retentionRate: Kpi
  /** Buyers of the previous period who did not buy in this one (1 − retention). */
  churnRate: Kpi
  /** Buyers in the period with at least two orders in it. */
  repeatPurchaseRate: Kpi
  averageOrderValue: Kpi
  /** Revenue to date (margin-free) per customer who has ever bought. */
  historicalClv: Kpi
  /** Expected future revenue of a buyer, see `PREDICTED_CLV_MODEL`. */
  predictedClv: Kpi
  /** Mean of feedback scores and visit satisfaction marks (both 1–5) in the period. */
  averageSatisfaction: Kpi
  /** Share of "would recommend" answers scoring 9–10 (NPS promoters). */
  promoterShare: Kpi
  /** Promoters − detractors (0–6), as a share of answers, −1…1. */
  netPromoterScore: Kpi
  /** Complaints per visit in the period (feedback complaints + visit complaints not already filed). */
  complaintRate: Kpi
  /** Median hours from complaint to resolution, for complaints resolved in the period. */
  medianResolutionHours: Kpi
  /** Due visits (see `computeDueVisits`) that happened by their due date. */
  visitCoverage: Kpi
  /** Visits ÷ (reps owning customers in the group × working days). */
  visitsPerRepPerWorkingDay: Kpi
  /** Tasks due in the period that were done by their due date. */
  tasksOnTimeRate: Kpi
}

/**
 * Predicted CLV model, named so a reader knows what the number means: average order value × orders
 * per buyer per year × expected lifespan in years, where lifespan = 1 ÷ annual churn (period churn
 * compounded to a year), capped at `maxLifespanYears`. A simple cohort heuristic, not BG/NBD.
 */
export const PREDICTED_CLV_MODEL = 'aov × annual frequency × lifespan(1 / annual churn)' as const

/** Running sums for one group; `toKpis` turns them into ratios. */
export class KpiAccumulator {
  customers = 0
  prevBuyers = 0
  retained = 0
  buyers = 0
  repeatBuyers = 0
  orders = 0
  revenue = 0
  revenueToDate = 0
  everBuyers = 0
  satisfactionSum = 0
  satisfactionCount = 0
  recommendCount = 0
  promoters = 0
  detractors = 0
  visits = 0
  complaints = 0
  resolutionHours: number[] = []
  due = 0
  dueOnTime = 0
  tasksDue = 0
  tasksOnTime = 0
  readonly reps = new Set<string>()

  toKpis(periodDays: number, workingDays: number, maxLifespanYears: number): KpiSet {
    const retention = ratioKpi(this.retained, this.prevBuyers)
    const churn = ratioKpi(this.prevBuyers - this.retained, this.prevBuyers)
    const aov = ratioKpi(this.revenue, this.orders)
    return {
      customers: this.customers,
      revenue: { value: this.revenue, numerator: this.revenue, denominator: this.orders },
      retentionRate: retention,
      churnRate: churn,
      repeatPurchaseRate: ratioKpi(this.repeatBuyers, this.buyers),
      averageOrderValue: aov,
      historicalClv: ratioKpi(this.revenueToDate, this.everBuyers),
      predictedClv: { value: this.predictedClv(aov.value, churn.value, periodDays, maxLifespanYears) },
      averageSatisfaction: ratioKpi(this.satisfactionSum, this.satisfactionCount),
      promoterShare: ratioKpi(this.promoters, this.recommendCount),
      netPromoterScore: ratioKpi(this.promoters - this.detractors, this.recommendCount),
      complaintRate: ratioKpi(this.complaints, this.visits),
      medianResolutionHours: {
        value: median(this.resolutionHours),
        denominator: this.resolutionHours.length,
      },
      visitCoverage: ratioKpi(this.dueOnTime, this.due),
      visitsPerRepPerWorkingDay: ratioKpi(this.visits, this.reps.size * workingDays),
      tasksOnTimeRate: ratioKpi(this.tasksOnTime, this.tasksDue),
    }
  }

  private predictedClv(
    aov: number | null,
    periodChurn: number | null,
    periodDays: number,
    maxLifespanYears: number,
  ): number | null {
    if (aov === null || periodChurn === null || this.buyers === 0) return null
    const periodsPerYear = 365 / periodDays
    const ordersPerYear = (this.orders / this.buyers) * periodsPerYear
    const annualChurn = 1 - (1 - periodChurn) ** periodsPerYear
    const lifespan = annualChurn > 0 ? Math.min(maxLifespanYears, 1 / annualChurn) : maxLifespanYears
    return aov * ordersPerYear * lifespan
  }
}
