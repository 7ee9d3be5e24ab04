// A role's fields, in 新建人员 and 添加角色: the role (an administrator any; a 支部书记 党员 only),
// the org it is held in, and the 职务, from a form holding `role`, `orgId` and `title` (useForm).
import type { OrgRole } from '../../../common/contracts/user/user-fields'
import { ChoiceField } from '../../components/ChoiceField'
import { FormField } from '../../components/FormField'
import { OrgPicker } from '../../components/OrgPicker'
import { TextField } from '../../components/TextField'
import { grantableRoles } from './labels'

type Field<V> = { value: V; onChange: (value: V) => void; error?: string | undefined }

type Props = {
  isAdmin: boolean
  form: {
    field: {
      (key: 'role'): Field<OrgRole | null>
      (key: 'orgId'): Field<string | null>
      (key: 'title'): Field<string>
    }
  }
  /** The pickers' test ids: `<testId>-role`, `<testId>-org`. */
  testId: string
}

export const RoleFields = ({ isAdmin, form, testId }: Props) => {
  const org = form.field('orgId')
  return (
    <>
      <ChoiceField
        label="角色"
        required
        options={grantableRoles(isAdmin)}
        {...form.field('role')}
        testId={`${testId}-role`}
      />
      <FormField label="所在组织" required error={org.error}>
        {/* The orgs the person may give roles in: his subtree (an administrator: every org). */}
        <OrgPicker value={org.value} onChange={(orgId) => org.onChange(orgId)} testId={`${testId}-org`} isOrganisable />
      </FormField>
      <TextField label="职务" hint="如 支部书记、组织委员、党员" name="title" {...form.field('title')} />
    </>
  )
}
