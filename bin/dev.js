#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx is registered by oclif). If oclif.manifest.json exists,
// oclif reads commands from dist/ instead: run `npm run build` after adding a command.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
