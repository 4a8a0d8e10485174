// A Bluesky PDS (@atproto/pds, the reference implementation) and its PLC directory
// (@did-plc/server, in memory), both on 127.0.0.1, for crisisplay's bluesky tests.
//
//   node start.js LISTEN_PORT PUBLIC_URL DATA_DIR
//
// The PDS listens on LISTEN_PORT and names PUBLIC_URL as its address in the DID documents
// of its accounts (a PDS behind a reverse proxy: the tests put a proxy there that can lose an
// answer). When both servers listen, one line of JSON goes to stdout; the process exits when
// its stdin closes, so it never outlives the test session that started it.
'use strict'

const net = require('node:net')

// Both servers call listen(port) with no host, which would bind every interface: bind the
// loopback only.
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1')
  }
  return listen.apply(this, args)
}

const crypto = require('@atproto/crypto')
const plc = require('@did-plc/server')
const pds = require('@atproto/pds')

async function main() {
  const [listenPort, publicUrl, dataDir] = process.argv.slice(2)
  const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: 0 })
  const plcHttp = await plcServer.start()
  const plcUrl = `http://127.0.0.1:${plcHttp.address().port}`

  const rotation = await crypto.Secp256k1Keypair.create({ exportable: true })
  const recovery = await crypto.Secp256k1Keypair.create()
  const env = {
    devMode: true,
    port: Number(listenPort),
    dataDirectory: dataDir,
    blobstoreDiskLocation: `${dataDir}/blobs`,
    didPlcUrl: plcUrl,
    recoveryDidKey: recovery.did(),
    plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotation.export()).toString('hex'),
    adminPassword: 'admin-pass',
    jwtSecret: 'jwt-secret',
    serviceHandleDomains: ['.test'],
    bskyAppViewUrl: 'http://appview.invalid',
    bskyAppViewDid: 'did:example:invalid',
    modServiceUrl: 'http://moderator.invalid',
    modServiceDid: 'did:example:invalid',
    inviteRequired: false,
    disableSsrfProtection: true,
  }
  const cfg = pds.envToCfg(env)
  cfg.service.publicUrl = publicUrl
  const server = await pds.PDS.create(cfg, pds.envToSecrets(env))
  await server.start()
  process.stdout.write(JSON.stringify({ pds: Number(listenPort), plc: plcUrl }) + '\n')

  process.stdin.resume()
  process.stdin.on('end', async () => {
    await server.destroy()
    await plcServer.destroy()
    process.exit(0)
  })
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`)
  process.exit(1)
})
