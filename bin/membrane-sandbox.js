#!/usr/bin/env node
// The offline stand-in for the `membrane` CLI (design §9): `close --sandbox` spawns this file.
import {main} from '../dist/sandbox/main.js'

process.exitCode = await main(process.argv.slice(2))
