/**
 * What the store keeps on disk. Stored records hold only the source fields; names, labels,
 * formatted values and embedded lists are derived when a response is rendered (render.ts).
 */

export type OpportunityStatusType = 'active' | 'lost' | 'won'
export type ValuePeriod = 'annual' | 'monthly' | 'one_time'

export interface StoredUser {
  date_created: string
  date_updated: string
  email: string
  first_name: string
  id: string
  image: string
  last_name: string
  last_used_timezone: string
}

export interface StoredOrganization {
  currency: string
  date_created: string
  date_updated: string
  id: string
  name: string
}

export interface LeadStatus {
  id: string
  label: string
}

export interface OpportunityStatus {
  id: string
  label: string
  type: OpportunityStatusType
}

export interface Pipeline {
  id: string
  name: string
  statuses: OpportunityStatus[]
}

export interface CustomField {
  accepts_multiple_values: boolean
  choices?: string[]
  date_created: string
  date_updated: string
  description: string
  id: string
  name: string
  type: 'choices' | 'date' | 'number' | 'text'
}

/** Which objects a custom field belongs to (`/custom_field/<kind>/`). */
export type CustomFieldKind = 'contact' | 'lead' | 'opportunity'

/** A Smart View (`/saved_search/`): a named lead search query. */
export interface SavedSearch {
  date_created: string
  date_updated: string
  id: string
  is_shared: boolean
  name: string
  query: string
  type: 'lead'
  user_id: string
}

/** meta.json: the organization's configuration and where its data lives. */
export interface Meta {
  /** Leads per chunk file. */
  chunkSize: number
  /** Contact custom fields (`/custom_field/contact/`). */
  contactFields: CustomField[]
  /** Lead custom fields (`/custom_field/lead/`). */
  customFields: CustomField[]
  /** Subdirectory holding this seed's chunk and index files. */
  generation: string
  leadStatuses: LeadStatus[]
  me: string
  /** Opportunity custom fields (`/custom_field/opportunity/`). */
  opportunityFields: CustomField[]
  organization: StoredOrganization
  pipelines: Pipeline[]
  savedSearches: SavedSearch[]
  /** The `today` the data was seeded relative to (YYYY-MM-DD). */
  seededFor: string
  users: StoredUser[]
  version: number
}

export interface Address {
  address_1: null | string
  address_2: null | string
  city: null | string
  country: null | string
  label: string
  state: null | string
  tz_ids?: string[]
  zipcode: null | string
}

export interface Audit {
  created_by: null | string
  date_created: string
  date_updated: string
  updated_by: null | string
}

export interface StoredLead extends Audit {
  addresses: Address[]
  /** Custom field values by field ID (`cf_…`). */
  custom: Record<string, unknown>
  description: string
  id: string
  name: null | string
  source: null | string
  status_id: string
  url: null | string
}

export interface ContactEmail {
  email: string
  is_unsubscribed: boolean
  type: string
}

export interface StoredPhone {
  phone: string
  type: string
}

export interface ContactUrl {
  type: string
  url: string
}

export interface StoredContact extends Audit {
  /** Custom field values by field ID (`cf_…`). */
  custom?: Record<string, unknown>
  emails: ContactEmail[]
  id: string
  lead_id: string
  name: null | string
  phones: StoredPhone[]
  title: null | string
  urls: ContactUrl[]
}

export interface StoredOpportunity extends Audit {
  confidence: number
  contact_id: null | string
  /** Custom field values by field ID (`cf_…`). */
  custom?: Record<string, unknown>
  date_lost: null | string
  date_won: null | string
  id: string
  lead_id: string
  note: string
  status_id: string
  user_id: null | string
  value: null | number
  value_currency: string
  value_period: ValuePeriod
}

export interface StoredTask extends Audit {
  _type: string
  assigned_to: null | string
  contact_id: null | string
  /** `YYYY-MM-DD`, or a Close timestamp for a task due at a time. */
  date: string
  id: string
  is_complete: boolean
  is_dateless: boolean
  lead_id: string
  object_id: null | string
  object_type: null | string
  text: string
}

export interface StoredActivity extends Audit {
  [key: string]: unknown
  _type: string
  activity_at: string
  contact_id: null | string
  id: string
  lead_id: string
  user_id: null | string
}

/** One chunk file: a few hundred leads and everything hanging off them except activities. */
export interface ChunkData {
  contacts: StoredContact[]
  leads: StoredLead[]
  opportunities: StoredOpportunity[]
  tasks: StoredTask[]
}

/** The chunk's companion file with its leads' activities (notes, calls, emails, status changes…). */
export interface ActsData {
  activities: StoredActivity[]
}
