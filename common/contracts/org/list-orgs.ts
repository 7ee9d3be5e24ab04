import { z } from 'zod'
import { ORG_KINDS } from '../../enums'
import { nameText, ZPage } from '../fields'

/**
 * Open orgs to choose from (org.list): found by part of a name or short name, in tree order (each
 * org after the one above it), a page at a time.
 */
export const ZListOrgsRequestSchema = ZPage.extend({
  kinds: z.array(z.enum(ORG_KINDS)).optional(),
  search: nameText().max(30, '搜索内容不能超过 30 个字').optional(),
  /** Only these (the orgs named by records kept on the phone). */
  ids: z.array(z.uuid()).max(100).optional(),
  /** Only those the caller may organise an activity for: his subtree (an admin: all). */
  isOrganisable: z.boolean().optional(),
}).default({ limit: 20 })
export type TListOrgsRequest = z.infer<typeof ZListOrgsRequestSchema>
