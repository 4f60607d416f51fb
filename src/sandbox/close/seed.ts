/**
 * The demo organization "Acme Demo", generated deterministically from a fixed PRNG seed; dates are
 * relative to `today`. Leads are written chunk by chunk so memory stays flat for large seeds.
 */
import {createHash} from 'node:crypto'
import {mkdir} from 'node:fs/promises'
import path from 'node:path'

import type {
  ActsData,
  Address,
  ChunkData,
  ContactEmail,
  CustomField,
  LeadStatus,
  Meta,
  OpportunityStatusType,
  Pipeline,
  SavedSearch,
  StoredActivity,
  StoredContact,
  StoredLead,
  StoredOpportunity,
  StoredPhone,
  StoredTask,
  StoredUser,
  ValuePeriod,
} from './types.js'

import {CHUNK_SIZE, SANDBOX_ME_ID, SANDBOX_ORG_ID} from './constants.js'
import {addDays, dateOnly, isoTimestamp} from './format.js'
import {Prng} from './ids.js'
import {
  atomicWrite,
  chunkFileName,
  LEAD_COUNTS,
  metaPath,
  newGeneration,
  serializeCounts,
  STORE_VERSION,
  sweep,
  withLock,
  writeDurable,
} from './store.js'
import {
  CITIES,
  type City,
  COINED_HEADS,
  COINED_TAILS,
  COMPOUND_HEADS,
  COMPOUND_TAILS,
  EMAIL_SUBJECTS,
  FIRST_NAMES,
  INDUSTRIES,
  INDUSTRY_SUFFIXES,
  LAST_NAMES,
  LEAD_DESCRIPTIONS,
  LEAD_SOURCES,
  LEGAL_SUFFIXES,
  MONTHS,
  NOTE_TEXTS,
  OPPORTUNITY_NOTES,
  STREETS,
  TASK_TEXTS,
  TITLES,
} from './words.js'

export interface SeedOptions {
  /** How many leads (default 300). */
  leads?: number
  /** The day the demo data is relative to (default now). */
  today?: Date
}

export interface SeedCounts {
  contacts: number
  leads: number
  notes: number
  opportunities: number
  tasks: number
}

const SEED = 'close-sandbox/acme-demo/v1'
const DAY = 86_400_000
const HOUR = 3_600_000

const USERS: Array<[string, string, string]> = [
  ['Jordan', 'Lee', 'America/New_York'],
  ['Priya', 'Patel', 'America/Chicago'],
  ['Marcus', 'Chen', 'America/Los_Angeles'],
  ['Sofia', 'Garcia', 'America/New_York'],
  ['Daniel', 'Okafor', 'Europe/London'],
]

const CONTACT_CHANNELS = ['Email', 'Phone', 'SMS', 'LinkedIn'] as const
const DEAL_TYPES = ['New Business', 'Expansion', 'Renewal'] as const
const COMPETITORS = ['HubSpot', 'Pipedrive', 'Salesforce', 'Zoho', 'Spreadsheets']

const LEAD_STATUS_LABELS = ['Potential', 'Bad Fit', 'Qualified', 'Customer', 'Canceled'] as const
type LeadStatusLabel = (typeof LEAD_STATUS_LABELS)[number]

const PIPELINES: Array<[string, Array<[string, OpportunityStatusType]>]> = [
  [
    'Sales',
    [
      ['Demo Scheduled', 'active'],
      ['Proposal Sent', 'active'],
      ['Negotiation', 'active'],
      ['Won', 'won'],
      ['Lost', 'lost'],
    ],
  ],
  [
    'Renewals',
    [
      ['Renewal Due', 'active'],
      ['Renewal Negotiation', 'active'],
      ['Renewed', 'won'],
      ['Churned', 'lost'],
    ],
  ],
]

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}

function buildMeta(rng: Prng, todayMs: number, generation: string): Meta {
  const orgCreated = todayMs - 900 * DAY
  const users: StoredUser[] = USERS.map(([first, last, tz], i) => {
    const email = `${first.toLowerCase()}.${last.toLowerCase()}@acme-demo.example`
    const created = isoTimestamp(orgCreated + i * 17 * DAY + rng.int(0, DAY), rng.int(0, 999))
    return {
      date_created: created,
      date_updated: created,
      email,
      first_name: first,
      id: i === 0 ? SANDBOX_ME_ID : rng.id('user_'),
      image: `https://secure.gravatar.com/avatar/${md5(email)}`,
      last_name: last,
      last_used_timezone: tz,
    }
  })
  const leadStatuses: LeadStatus[] = LEAD_STATUS_LABELS.map((label) => ({id: rng.id('stat_'), label}))
  const pipelines: Pipeline[] = PIPELINES.map(([name, statuses]) => ({
    id: rng.id('pipe_'),
    name,
    statuses: statuses.map(([label, type]) => ({id: rng.id('stat_'), label, type})),
  }))
  const fieldDate = isoTimestamp(orgCreated + 2 * DAY, 0)
  const customFields: CustomField[] = [
    {
      accepts_multiple_values: false,
      choices: [...INDUSTRIES],
      date_created: fieldDate,
      date_updated: fieldDate,
      description: "The lead's industry",
      id: rng.id('cf_'),
      name: 'Industry',
      type: 'choices',
    },
    {
      accepts_multiple_values: false,
      date_created: fieldDate,
      date_updated: fieldDate,
      description: 'Where the lead came from',
      id: rng.id('cf_'),
      name: 'Lead Source',
      type: 'text',
    },
    {
      accepts_multiple_values: false,
      date_created: fieldDate,
      date_updated: fieldDate,
      description: 'Number of employees',
      id: rng.id('cf_'),
      name: 'Employees',
      type: 'number',
    },
  ]
  // Everything added after the first release comes from its own PRNG, so the original sequence
  // (every lead, contact and ID seeded before) stays exactly the same.
  const extra = new Prng(`${SEED}/extra`)
  const field = (name: string, type: CustomField['type'], description: string, choices?: string[]): CustomField => ({
    accepts_multiple_values: false,
    ...(choices ? {choices} : {}),
    date_created: fieldDate,
    date_updated: fieldDate,
    description,
    id: extra.id('cf_'),
    name,
    type,
  })
  const contactFields = [
    field('Preferred Channel', 'choices', 'How the contact likes to be reached', [...CONTACT_CHANNELS]),
    field('Birthday', 'date', "The contact's birthday"),
  ]
  const opportunityFields = [
    field('Deal Type', 'choices', 'New business, expansion or renewal', [...DEAL_TYPES]),
    field('Competitor', 'text', 'Who else the lead is talking to'),
    field('Seats', 'number', 'Licences in the deal'),
  ]
  const [industryField] = customFields
  const searchDate = isoTimestamp(orgCreated + 30 * DAY, 0)
  const savedSearches: SavedSearch[] = [
    ['My hot leads', 'status:"Qualified" has:email has:phone sort:-updated'],
    ['Potential', 'status:"Potential" sort:-created'],
    ['Stale', 'status:"Qualified" sort:updated'],
    ['Software customers', `status:"Customer" "custom.${industryField.name}":"Software"`],
  ].map(([name, query]) => ({
    date_created: searchDate,
    date_updated: searchDate,
    id: extra.id('save_'),
    is_shared: name !== 'My hot leads',
    name,
    query,
    type: 'lead',
    user_id: SANDBOX_ME_ID,
  }))
  return {
    chunkSize: CHUNK_SIZE,
    contactFields,
    customFields,
    generation,
    leadStatuses,
    me: SANDBOX_ME_ID,
    opportunityFields,
    organization: {
      currency: 'USD',
      date_created: isoTimestamp(orgCreated, 0),
      date_updated: isoTimestamp(orgCreated, 0),
      id: SANDBOX_ORG_ID,
      name: 'Acme Demo',
    },
    pipelines,
    savedSearches,
    seededFor: dateOnly(todayMs),
    users,
    version: STORE_VERSION,
  }
}

interface Force {
  /** Which of the sandbox user's day plans (calls, meetings, tasks, deals) this lead carries. */
  day?: number
  opportunity?: [number, OpportunityStatusType]
  status?: LeadStatusLabel
  tasks?: boolean
  wantOpportunity: boolean
}

/** What the parts of one lead's generation share. */
interface LeadScope {
  city: City
  contacts: StoredContact[]
  createdMs: number
  domain: string
  /** Latest activity on the lead so far, for its date_updated. */
  lastMs: number
  lead: StoredLead
  out: {acts: ActsData; chunk: ChunkData}
}

/** Generates leads one at a time with everything that hangs off them. */
class Generator {
  counts: SeedCounts = {contacts: 0, leads: 0, notes: 0, opportunities: 0, tasks: 0}
  /** The PRNG of everything added after the first release (the main sequence stays as it was). */
  private readonly extra = new Prng(`${SEED}/day`)
  private readonly fields: {employees: string; industry: string; source: string}
  private readonly names = new Set<string>()
  private readonly statusByLabel: Map<string, LeadStatus>
  private readonly today: string

  constructor(
    private readonly rng: Prng,
    private readonly meta: Meta,
    private readonly nowMs: number,
  ) {
    this.today = dateOnly(nowMs)
    this.statusByLabel = new Map(meta.leadStatuses.map((s) => [s.label, s]))
    const [industry, source, employees] = meta.customFields
    this.fields = {employees: employees.id, industry: industry.id, source: source.id}
  }

  /**
   * One lead and its contacts, opportunities, tasks and activities.
   * `force` pins the newest few leads so even a tiny seed covers every status type and task view.
   */
  lead(createdMs: number, out: {acts: ActsData; chunk: ChunkData}, force: Force): string {
    const {rng} = this
    const industry = rng.pick(INDUSTRIES)
    const name = this.companyName(industry)
    const statusLabel =
      force.status ??
      rng.weighted<LeadStatusLabel>([
        ['Potential', 35],
        ['Qualified', 25],
        ['Customer', 20],
        ['Bad Fit', 12],
        ['Canceled', 8],
      ])
    const city = rng.pick(CITIES)
    const tld = rng.weighted([
      ['com', 70],
      ['io', 12],
      ['co', 10],
      ['net', 8],
    ])
    const domain = `${slug(name)}.${tld}`
    const owner = this.user()
    const created = isoTimestamp(createdMs, rng.int(0, 999))
    const lead: StoredLead = {
      addresses: [],
      created_by: owner,
      custom: this.customValues(industry),
      date_created: created,
      date_updated: created,
      description: rng.pick(LEAD_DESCRIPTIONS),
      id: rng.id('lead_'),
      name,
      source: null,
      status_id: this.statusByLabel.get(statusLabel)!.id,
      updated_by: owner,
      url: null,
    }
    if (rng.chance(0.95)) lead.addresses.push(this.address(city))
    if (rng.chance(0.9)) lead.url = `https://www.${domain}`
    out.chunk.leads.push(lead)
    this.counts.leads++

    const scope: LeadScope = {city, contacts: [], createdMs, domain, lastMs: createdMs, lead, out}
    const contactCount = rng.weighted([
      [1, 35],
      [2, 35],
      [3, 20],
      [4, 10],
    ])
    for (let c = 0; c < contactCount; c++) {
      const contactMs = Math.min(createdMs + c * rng.int(0, 3 * DAY), Math.max(createdMs, this.nowMs - HOUR))
      const contact = this.contact(scope, contactMs, owner)
      scope.contacts.push(contact)
      out.chunk.contacts.push(contact)
      this.counts.contacts++
    }

    this.statusHistory(scope, statusLabel)
    for (const plan of this.opportunityPlans(statusLabel, force)) this.opportunity(scope, plan)
    this.tasks(scope, statusLabel, force.tasks === true)
    if (rng.chance(0.65)) this.notes(scope)
    if (rng.chance(0.45)) this.calls(scope)
    if (rng.chance(0.35)) this.emails(scope)
    if (rng.chance(0.1)) this.meeting(scope)
    if (rng.chance(0.06)) this.sms(scope)
    if (force.day !== undefined) this.myDay(scope, force.day)
    lead.date_updated = isoTimestamp(Math.min(scope.lastMs, this.nowMs - HOUR), rng.int(0, 999))
    return lead.id
  }

  private activity(
    scope: LeadScope,
    type: string,
    atMs: number,
    [userId, contactId]: [null | string, null | string],
  ): StoredActivity {
    const at = isoTimestamp(atMs, this.rng.int(0, 999))
    scope.lastMs = Math.max(scope.lastMs, atMs)
    return {
      _type: type,
      activity_at: at,
      contact_id: contactId,
      created_by: userId,
      date_created: at,
      date_updated: at,
      id: this.rng.id('acti_'),
      lead_id: scope.lead.id,
      updated_by: userId,
      user_id: userId,
    }
  }

  private address(city: City): Address {
    const {rng} = this
    return {
      address_1: `${rng.int(1, 9800)} ${rng.pick(STREETS)}`,
      address_2: rng.chance(0.25) ? `Suite ${rng.int(100, 1999)}` : null,
      city: city.city,
      country: city.country,
      label: 'business',
      state: city.state,
      tz_ids: [city.tz],
      zipcode: city.zip,
    }
  }

  private calls(scope: LeadScope): void {
    const {rng} = this
    const n = rng.int(1, 2)
    for (let k = 0; k < n; k++) {
      const contact = rng.pick(scope.contacts)
      const phone = contact.phones[0]?.phone ?? `+1${scope.city.area.padStart(3, '5')}5550100`
      const disposition = rng.weighted([
        ['answered', 60],
        ['no-answer', 20],
        ['vm-left', 20],
      ])
      const direction = rng.chance(0.75) ? 'outbound' : 'inbound'
      const note = disposition === 'answered' ? this.fill(scope, rng.pick(NOTE_TEXTS), contact) : ''
      const duration = disposition === 'answered' ? rng.int(45, 1800) : disposition === 'vm-left' ? rng.int(20, 60) : 0
      scope.out.acts.activities.push({
        ...this.activity(scope, 'Call', this.span(scope), [this.user(0.4), contact.id]),
        direction,
        disposition,
        duration,
        local_phone: '+14155550100',
        note,
        phone,
        remote_phone: phone,
        status: 'completed',
      })
    }
  }

  private companyName(industry: string): string {
    const {rng} = this
    const suffixes = INDUSTRY_SUFFIXES[industry]
    for (let attempt = 0; attempt < 8; attempt++) {
      let name: string
      const pattern = rng.int(0, 9)
      if (pattern <= 3) {
        name = `${rng.pick(COMPOUND_HEADS)}${rng.pick(COMPOUND_TAILS)} ${rng.pick(suffixes)}`
      } else if (pattern <= 5) {
        name = `${rng.pick(LAST_NAMES)} ${rng.pick(suffixes)}`
      } else if (pattern <= 6) {
        const a = rng.pick(LAST_NAMES)
        let b = rng.pick(LAST_NAMES)
        if (b === a) b = rng.pick(LAST_NAMES)
        name = `${a} & ${b}${rng.chance(0.5) ? ` ${rng.pick(suffixes)}` : ''}`
      } else {
        name = `${rng.pick(COINED_HEADS)}${rng.pick(COINED_TAILS)} ${rng.pick(suffixes)}`
      }

      if (rng.chance(0.2)) name += rng.pick(LEGAL_SUFFIXES)
      if (!this.names.has(name)) {
        this.names.add(name)
        return name
      }
    }

    // Same name as another company: it happens in real CRMs too.
    return `${rng.pick(COMPOUND_HEADS)}${rng.pick(COMPOUND_TAILS)} ${rng.pick(suffixes)}`
  }

  private contact(scope: LeadScope, createdMs: number, by: string): StoredContact {
    const {rng} = this
    const first = rng.pick(FIRST_NAMES)
    const last = rng.pick(LAST_NAMES)
    const local = `${first}.${last}`.toLowerCase().replaceAll(/[^a-z.]/g, '')
    const emails: ContactEmail[] = []
    if (rng.chance(0.92)) emails.push({email: `${local}@${scope.domain}`, is_unsubscribed: false, type: 'office'})
    if (rng.chance(0.1)) {
      emails.push({
        email: `${first.toLowerCase()}${last[0].toLowerCase()}${rng.int(1, 99)}@gmail.com`,
        is_unsubscribed: rng.chance(0.1),
        type: 'home',
      })
    }

    const phones: StoredPhone[] = []
    if (rng.chance(0.85)) phones.push({phone: this.phone(scope.city), type: 'office'})
    if (rng.chance(0.3)) phones.push({phone: this.phone(scope.city), type: 'mobile'})
    const stamp = isoTimestamp(createdMs, rng.int(0, 999))
    const [channel, birthday] = this.meta.contactFields
    const custom: Record<string, unknown> = {}
    if (this.extra.chance(0.6)) custom[channel.id] = this.extra.pick(channel.choices!)
    if (this.extra.chance(0.2)) {
      custom[birthday.id] =
        `${this.extra.int(1955, 2000)}-${String(this.extra.int(1, 12)).padStart(2, '0')}-${String(this.extra.int(1, 28)).padStart(2, '0')}`
    }

    return {
      created_by: by,
      custom,
      date_created: stamp,
      date_updated: stamp,
      emails,
      id: rng.id('cont_'),
      lead_id: scope.lead.id,
      name: `${first} ${last}`,
      phones,
      title: rng.chance(0.9) ? rng.pick(TITLES) : null,
      updated_by: by,
      urls: rng.chance(0.15) ? [{type: 'url', url: `https://www.linkedin.com/in/${local.replace('.', '-')}`}] : [],
    }
  }

  private customValues(industry: string): Record<string, unknown> {
    const {rng} = this
    const custom: Record<string, unknown> = {[this.fields.industry]: industry}
    if (rng.chance(0.8)) custom[this.fields.source] = rng.pick(LEAD_SOURCES)
    if (rng.chance(0.85)) {
      const [min, max] = rng.weighted<[number, number]>([
        [[2, 20], 35],
        [[21, 100], 35],
        [[101, 500], 20],
        [[501, 5000], 10],
      ])
      custom[this.fields.employees] = rng.int(min, max)
    }

    return custom
  }

  /** An opportunity's custom values: Deal Type always, Competitor and Seats sometimes. */
  private dealCustom(pipelineIndex: number): Record<string, unknown> {
    const {extra} = this
    const [dealType, competitor, seats] = this.meta.opportunityFields
    const custom: Record<string, unknown> = {
      [dealType.id]: pipelineIndex === 1 ? 'Renewal' : extra.chance(0.7) ? 'New Business' : 'Expansion',
    }
    if (extra.chance(0.4)) custom[competitor.id] = extra.pick(COMPETITORS)
    if (extra.chance(0.5)) custom[seats.id] = extra.pick([5, 10, 12, 15, 20, 25, 40, 50])
    return custom
  }

  /** Short email threads, alternating outgoing and incoming. */
  private emails(scope: LeadScope): void {
    const {rng} = this
    const contact = rng.pick(scope.contacts)
    const to = contact.emails[0]?.email ?? `info@${scope.domain}`
    const subject = this.fill(scope, rng.pick(EMAIL_SUBJECTS))
    const threadId = rng.id('acti_')
    const n = rng.int(1, 3)
    let at = this.span(scope)
    for (let k = 0; k < n; k++) {
      const outgoing = k % 2 === 0
      const userId = this.user(0.5)
      const user = this.meta.users.find((u) => u.id === userId)!
      const body = outgoing
        ? `Hi ${firstName(contact)},\n\nThanks for your time today. As promised, here are the next steps.\n\nBest,\n${user.first_name}`
        : `Thanks ${user.first_name}, this looks good. Let me check with the team and get back to you.\n\n${contact.name ?? ''}`
      scope.out.acts.activities.push({
        ...this.activity(scope, 'Email', at, [outgoing ? userId : null, contact.id]),
        body_text: body,
        date_sent: isoTimestamp(at, 0),
        direction: outgoing ? 'outgoing' : 'incoming',
        sender: outgoing ? `"${user.first_name} ${user.last_name}" <${user.email}>` : `"${contact.name}" <${to}>`,
        status: outgoing ? 'sent' : 'inbox',
        subject: k === 0 ? subject : `Re: ${subject}`,
        thread_id: threadId,
        to: outgoing ? [to] : [user.email],
      })
      at = Math.min(at + rng.int(1, 48) * HOUR, this.nowMs - HOUR)
    }
  }

  private fill(scope: LeadScope, template: string, contact?: StoredContact): string {
    const {rng} = this
    return template
      .replaceAll('{first}', firstName(contact))
      .replaceAll('{title}', contact?.title ?? 'owner')
      .replaceAll('{month}', MONTHS[rng.int(0, 11)])
      .replaceAll('{seats}', String(rng.pick([5, 10, 12, 15, 20, 25, 40, 50])))
      .replaceAll('{company}', scope.lead.name ?? '')
  }

  private meeting(scope: LeadScope): void {
    const {rng} = this
    const contact = rng.pick(scope.contacts)
    const upcoming = rng.chance(0.3)
    const startsMs = upcoming
      ? Date.parse(`${addDays(this.today, rng.int(1, 14))}T${rng.int(14, 20)}:00:00Z`)
      : Math.floor(this.span(scope) / HOUR) * HOUR
    const userId = this.user(0.5)
    scope.out.acts.activities.push({
      ...this.activity(scope, 'Meeting', upcoming ? this.span(scope) : startsMs, [userId, contact.id]),
      activity_at: isoTimestamp(startsMs, 0),
      attendees: [{contact_id: contact.id, email: contact.emails[0]?.email ?? null, name: contact.name, status: 'yes'}],
      ends_at: isoTimestamp(startsMs + rng.pick([30, 45, 60]) * 60_000, 0),
      location: rng.chance(0.7) ? 'Zoom' : `${scope.city.city} office`,
      note: '',
      starts_at: isoTimestamp(startsMs, 0),
      status: upcoming ? 'upcoming' : 'completed',
      title: `${scope.lead.name} <> Acme Demo`,
      user_note_html: '',
    })
  }

  /**
   * The sandbox user's day, on the newest leads: tasks overdue, due today and upcoming; calls
   * logged today and this week; meetings earlier today, later today and upcoming; deals won this
   * month and active ones expected to close this month. All relative to the seed's clock.
   */
  private myDay(scope: LeadScope, plan: number): void {
    const {extra, nowMs, today} = this
    const me = SANDBOX_ME_ID
    const contact = scope.contacts[0]
    const dayStart = Date.parse(`${today}T00:00:00Z`)
    const halfHour = 30 * 60_000
    const laterToday = Math.floor(Math.min(nowMs + 2 * HOUR, dayStart + 23 * HOUR) / halfHour) * halfHour
    const earlierToday = Math.floor(Math.max(nowMs - 3 * HOUR, dayStart) / halfHour) * halfHour
    const monthStart = `${today.slice(0, 8)}01`
    const monthEnd = addDays(`${addDays(monthStart, 32).slice(0, 8)}01`, -1)
    const at = (ms: number) => isoTimestamp(Math.min(ms, nowMs - 60_000), extra.int(0, 999))
    const base = (type: string, atMs: number): StoredActivity => {
      const stamp = at(atMs)
      scope.lastMs = Math.max(scope.lastMs, Math.min(atMs, nowMs - 60_000))
      return {
        _type: type,
        activity_at: stamp,
        contact_id: contact?.id ?? null,
        created_by: me,
        date_created: stamp,
        date_updated: stamp,
        id: extra.id('acti_'),
        lead_id: scope.lead.id,
        updated_by: me,
        user_id: me,
      }
    }

    const task = (date: string, text: string) => {
      const stamp = at(Math.min(Date.parse(`${date}T00:00:00Z`), nowMs) - 3 * DAY)
      scope.out.chunk.tasks.push({
        _type: 'lead',
        assigned_to: me,
        contact_id: contact?.id ?? null,
        created_by: me,
        date,
        date_created: stamp,
        date_updated: stamp,
        id: extra.id('task_'),
        is_complete: false,
        is_dateless: false,
        lead_id: scope.lead.id,
        object_id: null,
        object_type: null,
        text,
        updated_by: me,
      })
      this.counts.tasks++
    }

    const call = (atMs: number, disposition: string, note: string) => {
      const phone = contact?.phones[0]?.phone ?? '+14155550199'
      scope.out.acts.activities.push({
        ...base('Call', atMs),
        direction: 'outbound',
        disposition,
        duration: disposition === 'answered' ? extra.int(120, 1500) : 0,
        local_phone: '+14155550100',
        note,
        phone,
        remote_phone: phone,
        status: 'completed',
      })
    }

    const meeting = (startsMs: number, title: string) => {
      const endsMs = startsMs + extra.pick([30, 45, 60]) * 60_000
      scope.out.acts.activities.push({
        ...base('Meeting', Math.min(startsMs, nowMs) - DAY),
        activity_at: isoTimestamp(startsMs, 0),
        attendees: contact
          ? [{contact_id: contact.id, email: contact.emails[0]?.email ?? null, name: contact.name, status: 'yes'}]
          : [],
        ends_at: isoTimestamp(endsMs, 0),
        location: 'Zoom',
        note: '',
        starts_at: isoTimestamp(startsMs, 0),
        status: endsMs <= nowMs ? 'completed' : startsMs <= nowMs ? 'in-progress' : 'upcoming',
        title: `${title}: ${scope.lead.name}`,
        user_note_html: '',
      })
    }

    const deal = (type: OpportunityStatusType, dateWon: string, value: number, confidence: number) => {
      const pipeline = this.meta.pipelines[0]
      const status = pipeline.statuses.filter((st) => st.type === type).at(type === 'active' ? -1 : 0)!
      const stamp = at(nowMs - extra.int(10, 40) * DAY)
      scope.out.chunk.opportunities.push({
        confidence,
        contact_id: contact?.id ?? null,
        created_by: me,
        custom: this.dealCustom(0),
        date_created: stamp,
        date_lost: null,
        date_updated: type === 'won' ? at(Date.parse(`${dateWon}T15:00:00Z`)) : stamp,
        date_won: dateWon,
        id: extra.id('oppo_'),
        lead_id: scope.lead.id,
        note: type === 'won' ? 'Signed this month.' : 'Expected to close this month.',
        status_id: status.id,
        updated_by: me,
        user_id: me,
        value,
        value_currency: 'USD',
        value_period: 'one_time',
      })
      this.counts.opportunities++
    }

    const thisMonth = (from: string, to: string) => {
      const span = Math.max(0, (Date.parse(to) - Date.parse(from)) / DAY)
      return addDays(from, extra.int(0, Math.floor(span)))
    }

    switch (plan) {
      case 0: {
        meeting(laterToday, 'Demo')
        call(nowMs - HOUR, 'answered', 'Walked through pricing; they want a demo for the team.')
        break
      }

      case 1: {
        task(addDays(today, -2), 'Send the proposal')
        meeting(earlierToday, 'Discovery call')
        deal('active', thisMonth(today, monthEnd), 1_800_000, 70)
        break
      }

      case 2: {
        task(addDays(today, -5), 'Follow up on the contract')
        meeting(Date.parse(`${addDays(today, 1)}T16:00:00Z`), 'Negotiation')
        call(nowMs - DAY, 'vm-left', '')
        deal('won', thisMonth(monthStart, today), 2_400_000, 100)
        break
      }

      case 3: {
        task(today, 'Call back about the renewal')
        meeting(Date.parse(`${addDays(today, 3)}T17:30:00Z`), 'Quarterly review')
        call(nowMs - 2 * DAY, 'answered', 'Good call; budget is approved for next quarter.')
        deal('active', thisMonth(today, monthEnd), 950_000, 50)
        break
      }

      case 4: {
        task(addDays(today, 7), 'Prepare the onboarding plan')
        meeting(Date.parse(`${addDays(today, 6)}T15:00:00Z`), 'Onboarding kickoff')
        deal('won', thisMonth(monthStart, today), 1_200_000, 100)
        break
      }

      default: {
        task(addDays(today, -1), 'Email the case study')
        call(Math.max(nowMs - 4 * HOUR, dayStart), 'no-answer', '')
        break
      }
    }
  }

  private notes(scope: LeadScope): void {
    const {rng} = this
    const n = rng.int(1, 3)
    for (let k = 0; k < n; k++) {
      const contact = scope.contacts.length > 0 ? rng.pick(scope.contacts) : undefined
      const text = this.fill(scope, rng.pick(NOTE_TEXTS), contact)
      const about = rng.chance(0.3) ? (contact?.id ?? null) : null
      scope.out.acts.activities.push({
        ...this.activity(scope, 'Note', this.span(scope), [this.user(0.4), about]),
        note: text,
      })
      this.counts.notes++
    }
  }

  private opportunity(scope: LeadScope, [pipelineIndex, type]: [number, OpportunityStatusType]): void {
    const {rng} = this
    const pipeline = this.meta.pipelines[pipelineIndex]
    const status = rng.pick(pipeline.statuses.filter((s) => s.type === type))
    const period = rng.weighted<ValuePeriod>([
      ['one_time', 55],
      ['monthly', 25],
      ['annual', 20],
    ])
    const value =
      period === 'monthly'
        ? rng.int(1, 50) * 10_000
        : period === 'annual'
          ? rng.int(5, 120) * 100_000
          : rng.int(10, 500) * 10_000
    const stage = pipeline.statuses.indexOf(status)
    const confidence = type === 'won' ? 100 : type === 'lost' ? 0 : Math.min(90, 20 + stage * 25 + rng.int(0, 3) * 5)
    const createdMs = this.span(scope)
    const closedMs = createdMs + rng.float() * Math.max(this.nowMs - HOUR - createdMs, 0)
    if (type !== 'active') scope.lastMs = Math.max(scope.lastMs, closedMs)
    const userId = this.user()
    const stamp = isoTimestamp(createdMs, rng.int(0, 999))
    const opportunity: StoredOpportunity = {
      confidence,
      contact_id: scope.contacts.length > 0 && rng.chance(0.7) ? scope.contacts[0].id : null,
      created_by: userId,
      custom: this.dealCustom(pipelineIndex),
      date_created: stamp,
      date_lost: type === 'lost' ? dateOnly(closedMs) : null,
      date_updated: type === 'active' ? stamp : isoTimestamp(closedMs, rng.int(0, 999)),
      date_won: type === 'won' ? dateOnly(closedMs) : null,
      id: rng.id('oppo_'),
      lead_id: scope.lead.id,
      note: this.fill(scope, rng.pick(OPPORTUNITY_NOTES)),
      status_id: status.id,
      updated_by: userId,
      user_id: userId,
      value,
      value_currency: 'USD',
      value_period: period,
    }
    scope.out.chunk.opportunities.push(opportunity)
    this.counts.opportunities++
    if (type === 'active') return
    const from = pipeline.statuses[0]
    scope.out.acts.activities.push({
      ...this.activity(scope, 'OpportunityStatusChange', closedMs, [userId, null]),
      new_status_id: status.id,
      new_status_label: status.label,
      new_status_type: status.type,
      old_status_id: from.id,
      old_status_label: from.label,
      old_status_type: from.type,
      opportunity_id: opportunity.id,
      opportunity_value: value,
      opportunity_value_period: period,
    })
  }

  private opportunityPlans(status: LeadStatusLabel, force: Force): Array<[number, OpportunityStatusType]> {
    const {rng} = this
    const plans: Array<[number, OpportunityStatusType]> = []
    switch (status) {
      case 'Bad Fit': {
        if (rng.chance(0.5)) plans.push([0, 'lost'])
        break
      }

      case 'Canceled': {
        plans.push([0, 'won'])
        if (rng.chance(0.8)) plans.push([1, 'lost'])
        break
      }

      case 'Customer': {
        plans.push([0, 'won'])
        if (rng.chance(0.5)) plans.push([1, rng.chance(0.6) ? 'active' : 'won'])
        break
      }

      case 'Potential': {
        if (rng.chance(0.45)) plans.push([0, 'active'])
        break
      }

      case 'Qualified': {
        if (rng.chance(0.95)) plans.push([0, 'active'])
        if (rng.chance(0.3)) plans.push([0, 'active'])
        break
      }
    }

    const forced = force.opportunity
    if (forced && !plans.some(([p, t]) => p === forced[0] && t === forced[1])) plans.push(forced)
    if (plans.length === 0 && force.wantOpportunity) plans.push([0, 'active'])
    return plans
  }

  private phone(city: City): string {
    const {rng} = this
    if (city.country === 'GB') return `+44${city.area}7946${String(rng.int(0, 9999)).padStart(4, '0')}`.slice(0, 13)
    if (city.country === 'IE') return `+353${city.area}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`
    return `+1${city.area}${rng.int(200, 999)}${String(rng.int(0, 9999)).padStart(4, '0')}`
  }

  private sms(scope: LeadScope): void {
    const {rng} = this
    const contact = rng.pick(scope.contacts)
    const phone = contact.phones[0]?.phone
    if (!phone) return
    const at = this.span(scope)
    scope.out.acts.activities.push({
      ...this.activity(scope, 'SMS', at, [this.user(0.5), contact.id]),
      date_sent: isoTimestamp(at, 0),
      direction: 'outbound',
      local_phone: '+14155550100',
      remote_phone: phone,
      status: 'sent',
      text: `Hi ${firstName(contact)}, just checking you got my email. Happy to chat today.`,
    })
  }

  /** A moment between the lead's creation and an hour ago. */
  private span(scope: LeadScope): number {
    return scope.createdMs + this.rng.float() * Math.max(this.nowMs - HOUR - scope.createdMs, 0)
  }

  /** Every lead starts as Potential; others log the change to their status. */
  private statusHistory(scope: LeadScope, label: LeadStatusLabel): void {
    if (label === 'Potential') return
    const potential = this.statusByLabel.get('Potential')!
    const status = this.statusByLabel.get(label)!
    scope.out.acts.activities.push({
      ...this.activity(scope, 'LeadStatusChange', this.span(scope), [this.user(), null]),
      new_status_id: status.id,
      new_status_label: status.label,
      old_status_id: potential.id,
      old_status_label: potential.label,
    })
  }

  private task(scope: LeadScope, plan: {complete: boolean; date: string; mine?: boolean}): void {
    const {rng} = this
    const {contacts, createdMs} = scope
    const assignee = plan.mine ? SANDBOX_ME_ID : this.user(0.45)
    const contact = contacts.length > 0 && rng.chance(0.4) ? rng.pick(contacts) : undefined
    const dueMs = Date.parse(`${plan.date}T00:00:00Z`)
    const createdTaskMs = Math.max(Math.min(this.span(scope), dueMs), createdMs)
    const withTime = rng.chance(0.15)
    const hour = String(rng.int(13, 21)).padStart(2, '0')
    const text = rng.pick(TASK_TEXTS)
    const task: StoredTask = {
      _type: 'lead',
      assigned_to: assignee,
      contact_id: contact?.id ?? null,
      created_by: assignee,
      date: withTime ? isoTimestamp(Date.parse(`${plan.date}T${hour}:00:00Z`)) : plan.date,
      date_created: isoTimestamp(createdTaskMs, rng.int(0, 999)),
      date_updated: isoTimestamp(createdTaskMs, rng.int(0, 999)),
      id: rng.id('task_'),
      is_complete: plan.complete,
      is_dateless: false,
      lead_id: scope.lead.id,
      object_id: null,
      object_type: null,
      text: contact && rng.chance(0.5) ? `${text} with ${firstName(contact)}` : text,
      updated_by: assignee,
    }
    if (plan.complete) {
      const doneMs = Math.max(Math.min(Date.parse(`${plan.date}T18:00:00Z`), this.nowMs - HOUR), createdMs)
      const completed = {
        ...this.activity(scope, 'TaskCompleted', doneMs, [assignee, task.contact_id]),
        task_assigned_to: assignee,
        task_id: task.id,
        task_text: task.text,
      }
      scope.out.acts.activities.push(completed)
      task.object_type = 'taskcompleted'
      task.object_id = completed.id
      task.date_updated = completed.date_created
    }

    scope.out.chunk.tasks.push(task)
    this.counts.tasks++
  }

  /** Open tasks in the inbox (due up to today) or the future, and some done ones. */
  private tasks(scope: LeadScope, label: LeadStatusLabel, forceViews: boolean): void {
    const {rng} = this
    const plans: Array<{complete: boolean; date: string; mine?: boolean}> = []
    const open =
      label === 'Bad Fit' || label === 'Canceled'
        ? 0
        : rng.weighted([
            [0, 40],
            [1, 40],
            [2, 20],
          ])
    for (let t = 0; t < open; t++) {
      const date = rng.chance(0.5) ? addDays(this.today, -rng.int(0, 14)) : addDays(this.today, rng.int(1, 30))
      plans.push({complete: false, date})
    }

    const done = rng.weighted([
      [0, 55],
      [1, 30],
      [2, 15],
    ])
    for (let t = 0; t < done; t++) plans.push({complete: true, date: dateOnly(this.span(scope))})
    if (forceViews) {
      plans.push(
        {complete: false, date: this.today, mine: true},
        {complete: false, date: addDays(this.today, 3), mine: true},
        {complete: true, date: addDays(this.today, -2), mine: true},
      )
    }

    for (const plan of plans) this.task(scope, plan)
  }

  /** A user ID: me with probability `meShare`, else one of the four others. */
  private user(meShare = 0.3): string {
    const {rng} = this
    const {users} = this.meta
    return rng.chance(meShare) ? users[0].id : users[rng.int(1, users.length - 1)].id
  }
}

function firstName(contact?: StoredContact): string {
  return contact?.name?.split(' ')[0] ?? 'the team'
}

function slug(name: string): string {
  const base = name
    .replace(/(, Inc\.| LLC| Co\.| Ltd\.| Group)$/, '')
    .toLowerCase()
    .replaceAll('&', 'and')
    .replaceAll(/[^a-z0-9]/g, '')
  return base.slice(0, 24)
}

/** Force plans for the newest leads so every pipeline has every status type. */
const FORCED: Array<{opportunity: [number, OpportunityStatusType]; status: LeadStatusLabel}> = [
  {opportunity: [0, 'active'], status: 'Qualified'},
  {opportunity: [0, 'won'], status: 'Customer'},
  {opportunity: [0, 'lost'], status: 'Bad Fit'},
  {opportunity: [1, 'active'], status: 'Customer'},
  {opportunity: [1, 'won'], status: 'Customer'},
  {opportunity: [1, 'lost'], status: 'Canceled'},
]

/** Write a fresh demo organization into `dir`. Caller holds the lock. */
export async function seedUnlocked(dir: string, options: SeedOptions = {}): Promise<SeedCounts> {
  const leadCount = options.leads ?? 300
  if (!Number.isInteger(leadCount) || leadCount < 0)
    throw new Error(`leads must be a whole number ≥ 0, got ${leadCount}`)
  const nowMs = (options.today ?? new Date()).getTime()
  if (Number.isNaN(nowMs)) throw new TypeError('today is not a valid date')
  const rng = new Prng(SEED)
  const generation = newGeneration()
  const meta = buildMeta(rng, nowMs, generation)
  const chunksDir = path.join(dir, generation, 'chunks')
  const indexDir = path.join(dir, generation, 'index')
  await mkdir(chunksDir, {recursive: true})
  await mkdir(indexDir, {recursive: true})

  const generator = new Generator(rng, meta, nowMs)
  const leadLines: string[] = []
  const leadCounts = new Map<number, number>()
  const lines: Record<'acti' | 'cont' | 'oppo' | 'task', string[]> = {acti: [], cont: [], oppo: [], task: []}
  const spanMs = 730 * DAY
  const startMs = nowMs - spanMs
  const writes: Array<Promise<void>> = []
  for (let n = 0; n * CHUNK_SIZE < leadCount; n++) {
    const chunk: ChunkData = {contacts: [], leads: [], opportunities: [], tasks: []}
    const acts: ActsData = {activities: []}
    for (let i = n * CHUNK_SIZE; i < Math.min(leadCount, (n + 1) * CHUNK_SIZE); i++) {
      const fromNewest = leadCount - 1 - i
      const createdMs = Math.min(
        startMs + ((i + 0.1 + rng.float() * 0.8) * (spanMs - 2 * HOUR)) / leadCount,
        nowMs - 2 * HOUR,
      )
      const force = FORCED[fromNewest]
      const id = generator.lead(
        createdMs,
        {acts, chunk},
        {
          ...force,
          day: fromNewest < FORCED.length ? fromNewest : undefined,
          tasks: fromNewest === 0,
          wantOpportunity: generator.counts.opportunities < Math.ceil((i + 1) / 2),
        },
      )
      leadLines.push(`${id} ${n}\n`)
    }

    leadCounts.set(n, chunk.leads.length)
    for (const c of chunk.contacts) lines.cont.push(`${c.id} ${n}\n`)
    for (const o of chunk.opportunities) lines.oppo.push(`${o.id} ${n}\n`)
    for (const t of chunk.tasks) lines.task.push(`${t.id} ${n}\n`)
    for (const a of acts.activities) lines.acti.push(`${a.id} ${n}\n`)
    writes.push(
      writeDurable(path.join(chunksDir, chunkFileName(n)), JSON.stringify(chunk)),
      writeDurable(path.join(chunksDir, chunkFileName(n, true)), JSON.stringify(acts)),
    )
    // Keep a bounded number of writes in flight.
    if (writes.length >= 16) await Promise.all(writes.splice(0))
  }

  await Promise.all(writes)
  leadLines.reverse()
  await Promise.all([
    writeDurable(path.join(indexDir, 'lead.txt'), leadLines.join('')),
    writeDurable(path.join(indexDir, LEAD_COUNTS), serializeCounts(leadCounts)),
    ...Object.entries(lines).map(([kind, list]) => writeDurable(path.join(indexDir, `${kind}.txt`), list.join(''))),
  ])

  // The commit point: readers move from the old generation to this one in a single rename.
  await atomicWrite(metaPath(dir), JSON.stringify(meta, null, 2))
  await sweep(dir, generation)

  return generator.counts
}

/** Replace whatever is in `dir` with a fresh demo organization. */
export async function seedSandbox(dir: string, options: SeedOptions = {}): Promise<SeedCounts> {
  return withLock(dir, () => seedUnlocked(dir, options))
}
