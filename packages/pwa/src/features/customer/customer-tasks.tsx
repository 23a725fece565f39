import type { Task } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateField } from '../../shared/date-field.tsx'
import { MobileField, MobileForm } from '../../shared/mobile-form.tsx'
import { clockNow } from '../../shared/organisation-clock.ts'
import { TaskRow } from '../../shared/task-row.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { createTask, taskActions } from '../../store/service-writes.ts'

const MAX_TITLE = 200

/** The customer's open tasks (care tasks name their rule), and a form to add one. */
export function CustomerTasks({
  customerId,
  ownerRepId,
  tasks,
}: {
  customerId: string
  ownerRepId: string | null
  tasks: readonly Task[]
}) {
  const { t } = useTranslation()
  const { db, user } = useOutrider()
  const [adding, setAdding] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const open = tasks
    .filter((x) => x.status === 'open' && !x.deleted)
    .sort((a, b) => a.due.localeCompare(b.due))

  const create = async ({ title, due }: { title: string; due: string }) => {
    setProblem(null)
    try {
      await createTask(db, {
        customerId,
        // A rep's tasks are their own; a supervisor's new task goes to the customer's rep.
        assigneeId: user.role === 'rep' ? user.id : (ownerRepId ?? user.id),
        kind: 'follow_up',
        title: title.trim(),
        due,
      })
      setAdding(false)
    } catch (err) {
      setProblem(t('service.tasks.failed', { message: (err as Error).message }))
    }
  }

  return (
    <div className="customer-tasks" data-testid="customer-tasks">
      {open.length === 0 ? (
        <p className="muted">{t('service.tasks.none')}</p>
      ) : (
        <ul className="task-list">
          {open.map((task) => (
            <TaskRow key={task.id} task={task} actions={taskActions(db)} />
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
        {t('service.tasks.new')}
      </button>
      {adding && (
        <MobileForm
          initialValues={{ title: '', due: clockNow().today }}
          onFinish={create}
          footer={<button type="submit">{t('service.tasks.create')}</button>}
        >
          <MobileField
            name="title"
            label={t('service.tasks.what')}
            rules={[
              { required: true, whitespace: true, message: t('forms.required') },
              { max: MAX_TITLE, message: t('forms.tooLong', { max: MAX_TITLE }) },
            ]}
          >
            {(marks) => <input {...marks} />}
          </MobileField>
          <MobileField
            name="due"
            label={t('service.tasks.due')}
            rules={[{ required: true, message: t('forms.required') }]}
          >
            {(marks) => <DateField title={t('service.tasks.due')} min={clockNow().today} {...marks} />}
          </MobileField>
        </MobileForm>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
