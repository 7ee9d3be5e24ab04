// A new password as the person sets it (修改密码, or accepting an invitation in a browser): the
// password with its rule, and the same again, from a form holding `newPassword` and `repeated`.
import { TextField } from '../components/TextField'

type Field = { value: string; onChange: (value: string) => void; error?: string | undefined }

export const NewPasswordFields = ({
  label,
  repeatLabel,
  form,
}: {
  label: string
  repeatLabel: string
  form: { field: (key: 'newPassword' | 'repeated') => Field }
}) => (
  <>
    <TextField
      label={label}
      required
      hint="至少 8 位，需同时包含字母和数字"
      name="newPassword"
      password
      {...form.field('newPassword')}
    />
    <TextField label={repeatLabel} required name="repeated" password {...form.field('repeated')} />
  </>
)
