// Sealing and opening a household's personal data (see server/lib/field-crypto.ts).
import type { HealthStatus } from '../../../common/enums'
import { maskIdNumber, maskPhone } from '../../../common/personal-data'
import type { FieldCrypto, FieldPurpose } from '../../lib/field-crypto'

export type Health = { status: HealthStatus; detail: string | null }

export const sealIdNumber = (crypto: FieldCrypto, value: string, purpose: FieldPurpose) => ({
  enc: crypto.encrypt(value, purpose),
  hash: crypto.blindIndex(value, 'idNumber'),
  mask: maskIdNumber(value),
})

export const sealPhone = (crypto: FieldCrypto, value: string) => ({
  enc: crypto.encrypt(value, 'household.phone'),
  mask: maskPhone(value),
})

/** A member's 健康状况 and its detail, sealed together. */
export const sealHealth = (crypto: FieldCrypto, health: Health): string =>
  crypto.encrypt(JSON.stringify({ status: health.status, detail: health.detail ?? null }), 'member.health')

/** Null once retention has removed it. */
export const openHealth = (crypto: FieldCrypto, sealed: string | null): Health | null =>
  sealed === null ? null : (JSON.parse(crypto.decrypt(sealed, 'member.health')) as Health)
