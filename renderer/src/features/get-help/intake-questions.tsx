import { INTAKE, INTAKE_LIMITS, type IntakeQuestion, type IntakeQuestionId } from '../../../../shared/intake';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../../../shared/queue';
import { useLanguageStore } from '../../i18n/language-store';

export type IntakeDraft = Partial<Record<IntakeQuestionId, string>>;

/** The kinds of trouble as one radio group (a fieldset and its legend), in plain words from the shared definition. */
export function CategoryChoices({ legend, value, invalid, describedBy, onChange }: { legend: string; value: RequestCategory | null; invalid: boolean; describedBy: string | undefined; onChange: (category: RequestCategory) => void }) {
  const language = useLanguageStore((store) => store.language);
  return (
    <fieldset aria-invalid={invalid} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div className="category-choices">
        {REQUEST_CATEGORIES.map((option) => (
          <label key={option} className="inline">
            <input type="radio" name="category" value={option} checked={value === option} onChange={() => onChange(option)} />
            {INTAKE[option].label[language]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Question({ question, value, onChange }: { question: IntakeQuestion; value: string; onChange: (value: string) => void }) {
  const language = useLanguageStore((store) => store.language);
  const id = `intake-${question.id}`;
  if (question.kind === 'choice') {
    return (
      <fieldset className="intake-choice" data-testid={id}>
        <legend>{question.label[language]}</legend>
        <div className="category-choices">
          {question.options.map((option) => (
            <label key={option.id} className="inline">
              <input type="radio" name={id} value={option.id} checked={value === option.id} onChange={() => onChange(option.id)} />
              {option.label[language]}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div className="intake-text">
      <label htmlFor={id}>{question.label[language]}</label>
      <textarea id={id} rows={2} maxLength={INTAKE_LIMITS.answer} value={value} aria-describedby={question.hint ? `${id}-hint` : undefined} onChange={(event) => onChange(event.target.value)} />
      {question.hint && (
        <p className="muted" id={`${id}-hint`}>
          {question.hint[language]}
        </p>
      )}
    </div>
  );
}

/** The category's two to four short questions; every one may be left empty. */
export function IntakeQuestions({ category, legend, draft, onChange }: { category: RequestCategory; legend: string; draft: IntakeDraft; onChange: (draft: IntakeDraft) => void }) {
  return (
    <fieldset className="intake-questions" data-testid="intake-questions">
      <legend>{legend}</legend>
      {INTAKE[category].questions.map((question) => (
        <Question key={question.id} question={question} value={draft[question.id] ?? ''} onChange={(value) => onChange({ ...draft, [question.id]: value })} />
      ))}
    </fieldset>
  );
}
