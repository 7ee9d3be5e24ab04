// Sends the queued WeChat subscribe messages (services/notices/send-notices.ts) on
// NOTICE_SEND_SCHEDULE (every minute by default). Exactly-once does not rest on the queue: each
// message is claimed in the database before it is sent, so runs that overlap on several
// instances never send one twice. The queue is therefore 'standard': a run a killed instance left
// active (until it expires) does not hold back the next minute's run on another instance.
import { z } from 'zod'
import type { Db } from '../db/client'
import type { Env } from '../env'
import type { Logger } from '../lib/logger'
import type { WeChatConfig } from '../services/auth/wechat-client'
import { sendDueNotices } from '../services/notices/send-notices'
import { createAccessTokens } from '../services/notices/wechat-api'
import { defineJob } from './job-runner'

export const NOTICE_SEND_QUEUE = 'notice-send'

export const noticeJob = ({ env, wechat, db, log }: { env: Env; wechat: WeChatConfig; db: Db; log: Logger }) => {
  const tokens = createAccessTokens(wechat)
  return defineJob({
    queue: NOTICE_SEND_QUEUE,
    cron: env.noticeSendCron,
    policy: 'standard',
    expireInSeconds: 300,
    data: z.object({}),
    scheduledData: {},
    handler: async () => {
      const result = await sendDueNotices({ db, wechat, tokens, log, miniprogramState: env.WECHAT_MINIPROGRAM_STATE })
      if (Object.values(result).some(Boolean)) log.info({ ...result }, 'subscribe messages sent')
      return result
    },
  })
}
