import {Flags} from '@oclif/core'

import {periods} from '../close/periods.js'
import {BaseCommand} from '../command-base/base-command.js'
import {screenStyle} from '../output/screens.js'
import {type PipelineReport, pipelineReport} from '../services/pipeline.js'

export default class Pipeline extends BaseCommand<typeof Pipeline> {
  static description = [
    'For each active status of the pipeline, in pipeline order: the number of opportunities, their value',
    'and weighted value (value × confidence, annualized), then what was won and lost in the period.',
    '--json values are in cents, as Close keeps them.',
  ].join(' ')
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --pipeline Renewals --period this-quarter',
    '<%= config.bin %> <%= command.id %> --user all --period all --json',
  ]
  static flags = {
    period: Flags.option({default: 'this-month', description: 'Period for won and lost.', options: periods})(),
    pipeline: Flags.string({description: 'Pipeline name or ID (default: the first).'}),
    user: Flags.string({default: 'me', description: 'Whose opportunities: me (default), a user, or all.'}),
  }
  static summary = 'Your pipeline by status, with weighted values and won/lost.'

  protected async display(report: PipelineReport): Promise<void> {
    const {renderPipeline} = await import('../output/pipeline-view.js')
    await this.emit(renderPipeline(report, screenStyle(this.io), this.io.stdoutIsTTY))
  }

  public async execute(): Promise<PipelineReport> {
    const {period, pipeline, user} = this.flags
    return pipelineReport(this.deps(), {period, pipeline, user})
  }
}
