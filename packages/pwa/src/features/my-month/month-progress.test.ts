import {
  type Complaint,
  type Customer,
  complaintStep,
  defaultServicePolicy,
  newComplaintFields,
  type ServicePolicy,
} from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { monthProgress, openComplaintsHandledBy } from './month-progress.ts'

const customer = (id: string, ownerRepId: string): Customer => ({
  id,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  clocks: {},
  name: id,
  searchKeys: [],
  status: 'customer',
  address: '',
  city: '上海',
  location: null,
  openingHours: [[], [], [], [], [], [], []],
  ownerRepId,
  teamId: 'team-1',
  tags: [],
  customFields: {},
})

function complaint(id: string, customerId: string, by: string, patch: Partial<Complaint> = {}): Complaint {
  return {
    id,
    createdAt: '2026-03-05T09:00:00.000Z',
    updatedAt: '2026-03-05T09:00:00.000Z',
    clocks: {},
    ...newComplaintFields({
      id,
      stepId: `${id}-s1`,
      customerId,
      visitId: null,
      category: 'delivery',
      severity: 'medium',
      description: '送货晚了',
      by,
      at: '2026-03-05T09:00:00.000Z',
      dueAt: '2026-03-06T09:00:00.000Z',
    }),
    ...patch,
  }
}

const assign = (c: Complaint, to: string): Complaint => ({
  ...c,
  ...complaintStep(c, {
    action: 'assign',
    by: 'sup-1',
    at: '2026-03-05T10:00:00.000Z',
    note: '',
    stepId: `${c.id}-a`,
    assigneeId: to,
  }),
})
const resolve = (c: Complaint): Complaint => ({
  ...c,
  ...complaintStep(c, {
    action: 'resolve',
    by: 'rep-1',
    at: '2026-03-06T10:00:00.000Z',
    note: '补发',
    stepId: `${c.id}-r`,
  }),
})

describe('open complaints on “my month”', () => {
  const customers = [customer('mine', 'rep-1'), customer('theirs', 'rep-2')]

  it('counts those assigned to the rep, on any customer, and none handed to someone else', () => {
    const complaints = [
      complaint('c1', 'mine', 'rep-1'),
      // The supervisor hands rep-1 a complaint about rep-2's customer.
      assign(complaint('c2', 'theirs', 'rep-2'), 'rep-1'),
      assign(complaint('c2b', 'theirs', 'sup-1'), 'rep-1'),
      // A complaint on rep-1's customer handed to rep-2 is rep-2's.
      assign(complaint('c3', 'mine', 'rep-1'), 'rep-2'),
      // Resolved and deleted ones are not open.
      resolve(complaint('c4', 'mine', 'rep-1')),
      complaint('c5', 'mine', 'rep-1', { deleted: true }),
    ]
    expect(openComplaintsHandledBy('rep-1', complaints, customers)).toBe(3)
    expect(openComplaintsHandledBy('rep-2', complaints, customers)).toBe(1)
  })

  it('counts an unassigned complaint for the customer’s owner', () => {
    const c = complaint('c1', 'theirs', 'sup-1', { assigneeId: null })
    expect(openComplaintsHandledBy('rep-2', [c], customers)).toBe(1)
    expect(openComplaintsHandledBy('rep-1', [c], customers)).toBe(0)
  })

  it('shows the figure against the target the rep works to', () => {
    const targets = {
      visits: 40,
      contacts: 30,
      orders: 20,
      visitCoverage: 0.9,
      careOnTime: 0.8,
      openComplaints: 1,
    }
    const policy: ServicePolicy = {
      ...defaultServicePolicy,
      targets: { byTeam: { 'team-1': targets }, byRep: {} },
    }
    const figures = monthProgress({
      repId: 'rep-1',
      teamId: 'team-1',
      today: '2026-03-20',
      customers,
      visits: [],
      orders: [],
      tasks: [],
      complaints: [assign(complaint('c2', 'theirs', 'rep-2'), 'rep-1')],
      policy,
      tierOf: () => 'A',
      segmentOf: () => undefined,
    })
    expect(figures.find((f) => f.key === 'openComplaints')).toEqual({
      key: 'openComplaints',
      value: 1,
      target: 1,
      share: false,
      lowerIsBetter: true,
    })
    expect(figures.find((f) => f.key === 'visits')?.target).toBe(40)
  })
})
