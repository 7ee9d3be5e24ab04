// Records that a person agreed to the privacy notice in force (PIPL Art. 14: consent given on
// being fully informed). Agreeing to an outdated version is refused: they must read the new one.

import type { TAgreePrivacyRequest } from '../../../common/contracts/auth/agree-privacy'
import { PRIVACY_NOTICE_VERSION } from '../../../common/privacy-version'
import type { Context } from '../../context'
import { AppError } from '../../errors'
import { writeAudit } from '../audit/write-audit'
import type { ServiceContext } from '../service-context'
import { describeUser } from './describe-user'

export const agreePrivacy = async ({
  ctx,
  input,
}: {
  ctx: ServiceContext & Pick<Context, 'clientIp'>
  input: TAgreePrivacyRequest
}) => {
  if (input.version !== PRIVACY_NOTICE_VERSION) throw new AppError('PRIVACY_NOTICE_OUTDATED')
  const consent = await ctx.db.privacyConsent.upsert({
    where: { userId_version: { userId: ctx.actor.userId, version: input.version } },
    create: { userId: ctx.actor.userId, version: input.version, channel: input.channel, ip: ctx.clientIp },
    update: {},
  })
  await writeAudit(ctx, {
    action: 'auth.agreePrivacy',
    entityType: 'User',
    entityId: ctx.actor.userId,
    after: { version: consent.version, channel: consent.channel, agreedAt: consent.agreedAt },
  })
  return describeUser(ctx.db, ctx.actor)
}
