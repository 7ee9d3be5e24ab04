// The signatures (签字 or 按手印) that handovers were signed for with, as PNG images for the
// 发放签收表's 签名 column. The one place the sheet reads them from.

import type { ServiceContext } from '../service-context'

export type SignatureImage = { png: Buffer; width: number; height: number }

/**
 * Each handover's signature image, by handover id; a handover signed without one (confirmed in
 * WeChat, or not yet signed for) is absent. Signatures are not yet recorded as images: none.
 */
export const signatureImages = async (
  _ctx: ServiceContext,
  _handoverIds: readonly string[],
): Promise<Map<string, SignatureImage>> => new Map()
