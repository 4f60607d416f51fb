// oclif's style, parsed by oxc (a native parser; the same output, in a fraction of the parse time).
import oclif from '@oclif/prettier-config'

export default {...oclif, plugins: ['@prettier/plugin-oxc']}
