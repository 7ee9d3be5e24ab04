// A clean stop closes the HTTP server under requests still running; Fastify lets each finish.
// Their connections were busy when the server closed its idle ones, so once answered they would
// stay open, idle, until the keep-alive timeout (72 s), and the stop, with the embedded PostgreSQL
// behind it, would wait that long. From the moment the server starts closing, each answer says
// `Connection: close`: Node ends the connection once it is sent, and the client opens a new one
// (to the next instance, behind a proxy).
import type { FastifyInstance } from 'fastify'

export const endConnectionsOnClose = (app: FastifyInstance): void => {
  let isClosing = false
  app.addHook('preClose', (done) => {
    isClosing = true
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (isClosing) reply.header('connection', 'close')
    done(null, payload)
  })
}
