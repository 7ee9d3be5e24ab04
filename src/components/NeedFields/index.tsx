// A need's own fields: 类别, 诉求内容, 紧急程度 and the day it should be dealt with by. On the need
// form, and once for every need a visit records.
import { NEED_CATEGORY_LABELS, NEED_URGENCY_LABELS, type NeedCategory, type NeedUrgency } from '../../../common/enums'
import type { FieldErrors } from '../../lib/validate'
import { ChoiceField } from '../ChoiceField'
import { ChipsField } from '../ChoiceField/ChipsField'
import { DateField } from '../DateField'
import { FormField } from '../FormField'
import { optionsOf } from '../SelectField'
import { TextAreaField } from '../TextField'

export type NeedDraft = {
  category: NeedCategory | null
  description: string
  urgency: NeedUrgency
  dueOn: string | null
}

export const blankNeed = (): NeedDraft => ({ category: null, description: '', urgency: 'NORMAL', dueOn: null })

type Props = {
  need: NeedDraft
  onChange: (change: Partial<NeedDraft>) => void
  errors: FieldErrors
  /** Where this need's fields sit in the form's errors, e.g. "needs.0". */
  errorPrefix?: string
  categoryLabel: string
  dueOnLabel: string
  /** The description box's name, where the form has one need only. */
  descriptionName?: string
}

export const NeedFields = ({
  need,
  onChange,
  errors,
  errorPrefix,
  categoryLabel,
  dueOnLabel,
  descriptionName,
}: Props) => {
  const errorOf = (field: keyof NeedDraft) => errors[errorPrefix ? `${errorPrefix}.${field}` : field]
  return (
    <>
      <ChipsField
        label={categoryLabel}
        required
        options={optionsOf(NEED_CATEGORY_LABELS)}
        value={need.category}
        onChange={(category) => onChange({ category })}
        error={errorOf('category')}
        testId={errorPrefix ? `${errorPrefix}.category` : 'category'}
      />
      <TextAreaField
        label="诉求内容"
        required
        {...(descriptionName ? { name: descriptionName } : {})}
        value={need.description}
        onChange={(description) => onChange({ description })}
        error={errorOf('description')}
      />
      <ChoiceField
        label="紧急程度"
        options={optionsOf(NEED_URGENCY_LABELS)}
        value={need.urgency}
        onChange={(urgency) => onChange({ urgency })}
        error={errorOf('urgency')}
      />
      <FormField label={dueOnLabel} error={errorOf('dueOn')}>
        <DateField value={need.dueOn} onChange={(dueOn) => onChange({ dueOn })} />
      </FormField>
    </>
  )
}
