import { z } from 'zod'
import { ORG_KINDS } from '../../enums'
import { nameText, normaliseName, whenMissing } from '../fields'

export const ZOrgName = nameText('请填写组织名称')
  .min(2, '请填写组织名称（至少 2 个字）')
  .max(60, '组织名称不能超过 60 个字')

/** 简称, as the 台账 writes it (e.g. 司法局机关党支部). */
export const ZOrgShortName = z
  .string()
  .overwrite(normaliseName)
  .max(30, '简称不能超过 30 个字')
  .transform((v) => v || null)
  .nullish()

export const ZOrgKind = z.enum(ORG_KINDS, whenMissing('请选择组织类别'))
