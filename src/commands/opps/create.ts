import {Flags} from '@oclif/core'

import type {CloseObject} from '../../close/normalize.js'
import type {OpportunityInput} from '../../services/opportunities.js'

import {assertId} from '../../close/ids.js'
import {leads, opportunities} from '../../close/resources.js'
import {BaseCommand} from '../../command-base/base-command.js'
import {fieldsFlag} from '../../flags/list.js'
import {parseMoney} from '../../input/values.js'
import {prompts} from '../../prompts/index.js'
import {OPPORTUNITY_FIELD_FLAGS, opportunityBody, valuePeriods} from '../../services/opportunities.js'
import {withFieldErrors} from '../../services/records.js'
import {failIfMissing, forgetStaleLookups, lazyResolver, statusChoices, userChoices} from '../../services/support.js'

/** The flags `opps create` and `opps update` share. */
export const opportunityFlags = {
  confidence: Flags.integer({description: 'Confidence, 0–100 (%).', max: 100, min: 0}),
  lead: Flags.string({description: 'Lead ID (lead_…) the opportunity belongs to.'}),
  note: Flags.string({description: 'A note on the opportunity.'}),
  period: Flags.option({description: 'How often the value is paid.', options: valuePeriods})(),
  status: Flags.string({description: 'Status label from your pipelines, e.g. "Proposal Sent" (or a stat_… ID).'}),
  user: Flags.string({description: 'Owner: me, a user ID, an email or a name.'}),
  value: Flags.string({description: 'Value in currency units, e.g. 12,000 or 99.50 (Close stores cents).'}),
}

export default class OppsCreate extends BaseCommand<typeof OppsCreate> {
  static aliases = ['opps:add']
  static description = [
    '--lead, --value and --status are required. On a terminal whatever is missing is asked for, the',
    "status and the owner picked from your organization's values; off a terminal a missing flag exits 2.",
    '--period defaults to one_time and the owner to you. Moving the opportunity to a won status later',
    '(opps update --status) makes Close set its won date.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %> --lead lead_8dWqYqDz3mTBxqZ2Y0n7kA --value 12,000 --status Active',
    '<%= config.bin %> <%= command.id %> --lead lead_8dWqYqDz3mTBxqZ2Y0n7kA --value 499 --period monthly --confidence 60 --status "Proposal Sent" --note "Pilot for 10 seats"',
    '<%= config.bin %> <%= command.id %> --lead lead_8dWqYqDz3mTBxqZ2Y0n7kA --value 12000 --status Active --user jane@acme.com --json',
    '<%= config.bin %> <%= command.id %>',
  ]
  static flags = {...fieldsFlag, ...opportunityFlags}
  static summary = 'Create an opportunity (a deal) on a lead.'

  public async execute(): Promise<CloseObject> {
    const {flags} = this
    const input: OpportunityInput = {
      confidence: flags.confidence,
      lead: flags.lead,
      note: flags.note,
      period: flags.period,
      status: flags.status,
      user: flags.user,
      value: flags.value,
    }
    // What was given is checked before anything is spawned or asked.
    if (input.lead !== undefined) assertId(leads, input.lead, '--lead')
    if (input.value !== undefined) parseMoney(input.value, '--value')
    const missing = (['lead', 'value', 'status'] as const).filter((key) => input[key] === undefined)
    failIfMissing(
      missing.map((key) => `--${key}`),
      this.interactive,
    )
    if (missing.length > 0) await this.ask(input)

    const body = await opportunityBody(
      input,
      lazyResolver(() => this.lookups()),
    )
    const close = await this.close()
    try {
      const created = await withFieldErrors(
        () => close.create(opportunities, body),
        OPPORTUNITY_FIELD_FLAGS,
        'opportunity',
      )
      await this.out.record(opportunities, created)
      return created
    } catch (error) {
      await forgetStaleLookups(error, async () => (await this.lookups()).forget())
      throw error
    }
  }

  /** Guided creation on a terminal: each value not given is asked for; period, status and owner are pickers. */
  private async ask(input: OpportunityInput): Promise<void> {
    if (input.lead === undefined) {
      const answer = await prompts.input('Lead ID (lead_…):', {required: true})
      input.lead = assertId(leads, answer.trim(), '--lead')
    }

    if (input.value === undefined) {
      input.value = await prompts.input('Value in currency units (e.g. 12,000):', {required: true})
      parseMoney(input.value, '--value')
    }

    input.period ??= await prompts.select('Paid:', [
      {name: 'once (one_time)', value: 'one_time' as const},
      {name: 'monthly', value: 'monthly' as const},
      {name: 'annually (annual)', value: 'annual' as const},
    ])
    if (input.confidence === undefined) {
      const answer = (await prompts.input('Confidence % (0–100, blank to skip):')).trim()
      if (answer !== '') input.confidence = answer
    }

    const lookups = await this.lookups()
    input.status ??= await prompts.select('Status:', statusChoices(await lookups.opportunityStatuses()))
    input.user ??= await prompts.select('Owner:', userChoices(await lookups.users(), await lookups.me()))
  }
}
