/** Fixed identifiers of the sandbox's Membrane side. Cheap to import: data only. */

/** The READY Close connection the CLI uses by default in sandbox mode. */
export const SANDBOX_CONNECTION_ID = '6650c105e5a4d0b0c1a55e01'
/** A second Close connection whose credentials expired (CLIENT_ACTION_REQUIRED until reconnected). */
export const SANDBOX_OLD_CONNECTION_ID = '6650c105e5a4d0b0c1a55e02'
/** A READY connection to another app, so the CLI has to pick the Close ones. */
export const SANDBOX_HUBSPOT_CONNECTION_ID = '6650c105e5a4d0b0c1a55e03'

export const SANDBOX_CLOSE_CONNECTOR_ID = '64b7c105ec0de0000000c105'
export const SANDBOX_HUBSPOT_CONNECTOR_ID = '64b7c105ec0de0000000b5b0'
export const SANDBOX_FORMS_CONNECTOR_ID = '64b7c105ec0de0000000f025'

export const SANDBOX_USER_ID = '6650c105e5a4d0b0c1a5a001'
/** The code `membrane login complete` accepts (the one "shown after approval"). */
export const SANDBOX_LOGIN_CODE = 'SANDBOX-CODE'
export const SANDBOX_MEMBRANE_VERSION = '1.18.3'
export const SANDBOX_API_URI = 'https://sandbox.membrane.local'
export const SANDBOX_USER_EMAIL = 'rep@acme-demo.example'

export const SANDBOX_STATE_FILE = 'membrane-state.json'

/** How long a new or re-authenticated connection stays CLIENT_ACTION_REQUIRED before it is READY. */
export const CONNECT_DELAY_MS = 2000
