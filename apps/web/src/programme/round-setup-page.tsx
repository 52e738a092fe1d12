import { Alert, Button, Checkbox, Field, Fieldset, Heading, Label, Link, Paragraph, Select, Table, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { problemOf } from '../api/problem';
import { useFormat } from '../format';
import { PageHeading } from '../page-heading';
import { Loading, LoadError } from '../query-states';
import { FormProblem } from './form-problem';
import { dotted, isMissing, numberOf, roundKey, useIsSecretariat, useMe, useRound } from './programme-data';
import type { AvailableCandidate, Page, RoleAssignment, Round } from './types';
import './programme.css';

// The policy's five criteria, which a round has unless the secretariat changes them (docs/priority-rounds.md, "Set-up").
const DEFAULT_CRITERIA = ['userValue', 'resourceSavings', 'quality', 'strategicFit', 'riskAndFeasibility'];
const QUORUMS: Record<string, number> = { '2/3': 2 / 3, '1/2': 1 / 2, '3/4': 3 / 4, '1': 1 };

interface CriterionRow {
  key: string;
  nb: string;
  en: string;
  weight: string;
}

/**
 * The secretariat sets a round up (POST /api/rounds): title, plan year, the board's budget frame
 * per year, criteria and weights, the council members, the candidate cases (mandatory or not),
 * dependencies and alternatives. Voting opens from the round's page, with its closing time.
 */
export function RoundSetupPage() {
  const { t } = useTranslation();
  const me = useMe();
  const secretariat = useIsSecretariat();
  return (
    <>
      <Link asChild>
        <RouterLink to="/programme">{t('programme.backToProgramme')}</RouterLink>
      </Link>
      <PageHeading>{t('programme.setup.title')}</PageHeading>
      {me.isPending && <Loading />}
      {me.data && !secretariat && <Paragraph>{t('programme.setup.notSecretariat')}</Paragraph>}
      {secretariat && <SetupForm />}
    </>
  );
}

/** The same form for a round being set up (PATCH /api/rounds/{id}): what is given replaces what was there, until voting opens. */
export function RoundEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const round = useRound(id);
  const editable = round.data?.myRoles.includes('secretariat') && round.data.state === 'draft';
  return (
    <>
      <Link asChild>
        <RouterLink to={`/rounds/${id}`}>{round.data ? t('programme.ballot.backToRound', { reference: round.data.reference }) : t('programme.backToProgramme')}</RouterLink>
      </Link>
      {round.isPending && <Loading />}
      {round.isError && isMissing(round.error) && (
        <>
          <PageHeading>{t('programme.round.notFoundTitle')}</PageHeading>
          <Alert data-color="warning">{t('programme.round.notFound')}</Alert>
        </>
      )}
      {round.isError && !isMissing(round.error) && <LoadError onRetry={() => void round.refetch()} />}
      {round.data && (
        <>
          <PageHeading>{t('programme.setup.editTitle', { reference: round.data.reference })}</PageHeading>
          {editable ? <SetupForm round={round.data} /> : <Alert data-color="info">{t('programme.setup.notEditable')}</Alert>}
        </>
      )}
    </>
  );
}

/** A case the form offers: one already in the round (its cost in the frame known) or one from the backlog (its assessment's costs). */
interface SetupCase {
  caseId: string;
  reference: string;
  title: string;
  deferredBefore: number;
  cost: string;
}

function SetupForm({ round }: { round?: Round }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const nextYear = new Date().getFullYear() + 1;
  const wordsIn = (language: string, key: string) => i18n.getFixedT(language)(`programme.criteria.${key}`);

  const [title, setTitle] = useState(round?.title ?? '');
  const [planYear, setPlanYear] = useState(String(round?.planYear ?? nextYear));
  const [boardDecision, setBoardDecision] = useState(round?.boardDecision ?? '');
  const [budget, setBudget] = useState(() =>
    round?.budget.length ? round.budget.map((b) => ({ year: String(b.year), amount: String(b.amountNok) })) : [{ year: String(nextYear), amount: '' }],
  );
  const [quorum, setQuorum] = useState(() => Object.keys(QUORUMS).find((q) => Math.abs(QUORUMS[q]! - (round?.quorum ?? 2 / 3)) < 1e-6) ?? '2/3');
  const [scoreFloor, setScoreFloor] = useState(round?.scoreFloor === null || round?.scoreFloor === undefined ? '' : String(round.scoreFloor));
  const [criteria, setCriteria] = useState<CriterionRow[]>(() =>
    round
      ? round.criteria.map((c) => ({ key: c.key, nb: c.label.nb, en: c.label.en, weight: String(c.weight) }))
      : DEFAULT_CRITERIA.map((key) => ({ key, nb: wordsIn('nb', key), en: wordsIn('en', key), weight: '1' })),
  );
  const [members, setMembers] = useState<Set<string> | null>(round ? new Set(round.members.map((m) => m.id)) : null);
  const [included, setIncluded] = useState<Set<string> | null>(round ? new Set(round.candidates.map((c) => c.caseId)) : null);
  const [mandatory, setMandatory] = useState<Set<string>>(new Set(round?.candidates.filter((c) => c.mandatory).map((c) => c.caseId)));
  const [dependencies, setDependencies] = useState<{ caseId: string; requires: string }[]>(round?.dependencies ?? []);
  const [alternatives, setAlternatives] = useState<string[][]>(round?.alternatives ?? []);

  const council = useQuery({
    queryKey: ['council-members'],
    queryFn: () => api<Page<RoleAssignment>>('/api/role-assignments?role=programme_council&inForce=true&limit=200'),
  });
  const backlog = useQuery({ queryKey: ['round-candidates'], queryFn: () => api<{ items: AvailableCandidate[] }>('/api/rounds/candidates') });
  // The council today, and anyone the round already names.
  const people = [
    ...new Map([...(round?.members ?? []), ...(council.data?.items ?? []).filter((a) => a.inForce).map((a) => a.user)].map((p) => [p.id, { id: p.id, name: p.name }])).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const cases: SetupCase[] = [
    ...(round?.candidates ?? []).map((c) => ({
      caseId: c.caseId,
      reference: c.reference,
      title: c.title,
      deferredBefore: c.carriedOver ? 1 : 0,
      cost: t('programme.setup.costInFrame', { amount: format.nok(c.totalCostNok) }),
    })),
    ...(backlog.data?.items ?? []).map((c) => ({
      caseId: c.caseId,
      reference: c.reference,
      title: c.title,
      deferredBefore: c.deferredBefore,
      cost: t('programme.setup.costOfCase', { oneOff: format.nok(c.oneOffCostNok), yearly: format.nok(c.yearlyCostNok) }),
    })),
  ];
  // The whole council and the whole backlog, until the secretariat says otherwise.
  const chosenMembers = members ?? new Set(people.map((p) => p.id));
  const chosenCases = included ?? new Set(cases.map((c) => c.caseId));
  const inRound = cases.filter((c) => chosenCases.has(c.caseId));

  // What was sent, to place the API's `memberIds[2]` and `candidates[0].caseId` at the person or case they name.
  const sent = useRef<{ memberIds: string[]; candidates: string[] }>({ memberIds: [], candidates: [] });
  const summary = useRef<HTMLDivElement>(null);

  const create = useMutation({
    mutationFn: () => {
      const memberIds = people.filter((p) => chosenMembers.has(p.id)).map((p) => p.id);
      const candidates = inRound.map((c) => ({ caseId: c.caseId, mandatory: mandatory.has(c.caseId) }));
      sent.current = { memberIds, candidates: candidates.map((c) => c.caseId) };
      const floor = numberOf(scoreFloor);
      return api<Round>(round ? `/api/rounds/${round.id}` : '/api/rounds', {
        method: round ? 'PATCH' : 'POST',
        body: {
          title,
          planYear: numberOf(planYear),
          boardDecision,
          budget: budget.map((b) => ({ year: numberOf(b.year), amountNok: numberOf(b.amount) })),
          quorum: QUORUMS[quorum],
          scoreFloor: floor ?? null,
          criteria: criteria.map((c) => ({ key: c.key, label: { nb: c.nb, en: c.en }, weight: numberOf(c.weight) })),
          memberIds,
          candidates,
          dependencies: dependencies.filter((d) => chosenCases.has(d.caseId) && chosenCases.has(d.requires)),
          alternatives: alternatives.map((g) => g.filter((id) => chosenCases.has(id))).filter((g) => g.length > 0),
        },
      });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['rounds'] });
      void queryClient.invalidateQueries({ queryKey: ['round-candidates'] });
      queryClient.setQueryData(roundKey(saved.id), saved);
      navigate(`/rounds/${saved.id}`);
    },
    onError: (error) => {
      // Another round took a case meanwhile: show the backlog as it is now.
      if (problemOf(error)?.status === 409) void queryClient.invalidateQueries({ queryKey: ['round-candidates'] });
    },
  });
  const problem = problemOf(create.error);
  const errors: Record<string, string> = {};
  for (const { field, reason } of problem?.errors ?? []) {
    let path = dotted(field);
    const member = /^memberIds\.(\d+)$/.exec(path);
    if (member) path = `member.${sent.current.memberIds[Number(member[1])]}`;
    const candidate = /^candidates\.(\d+)/.exec(path);
    if (candidate) path = `case.${sent.current.candidates[Number(candidate[1])]}`;
    errors[path] = errors[path] ? `${errors[path]}; ${reason}` : reason;
  }
  useEffect(() => {
    if (create.isError) summary.current?.focus();
  }, [create.isError, create.error]);

  const fieldIdOf = (path: string): string | null => {
    if (/^(title|planYear|boardDecision|quorum|scoreFloor)$/.test(path)) return `setup-${path}`;
    const budgetField = /^budget\.(\d+)\.(year|amountNok)$/.exec(path);
    if (budgetField) return `setup-budget-${budgetField[1]}-${budgetField[2]}`;
    if (/^budget(\.\d+)?$/.test(path)) return 'setup-budget';
    const criterion = /^criteria\.(\d+)\.(label\.nb|label\.en|weight)$/.exec(path);
    if (criterion) return `setup-criteria-${criterion[1]}-${criterion[2]!.replace('.', '-')}`;
    if (/^criteria/.test(path)) return 'setup-criteria';
    if (/^member\./.test(path) || path === 'memberIds') return 'setup-members';
    if (/^case\./.test(path) || path === 'candidates') return 'setup-candidates';
    if (/^dependencies/.test(path)) return 'setup-dependencies';
    if (/^alternatives/.test(path)) return 'setup-alternatives';
    return null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const changePlanYear = (value: string) => {
    // The frame's years follow the plan year while both are years.
    const from = Number(planYear);
    const to = Number(value);
    if (Number.isInteger(from) && Number.isInteger(to) && from > 1999 && to > 1999) {
      setBudget((rows) => rows.map((row) => (Number.isInteger(Number(row.year)) && row.year !== '' ? { ...row, year: String(Number(row.year) + to - from) } : row)));
    }
    setPlanYear(value);
  };
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const caseName = (id: string) => {
    const found = cases.find((c) => c.caseId === id);
    return found ? `${found.reference}: ${found.title}` : id;
  };

  return (
    <form className="programme-form" onSubmit={submit} noValidate>
      <Paragraph>{round ? t('programme.setup.editIntro') : t('programme.setup.intro')}</Paragraph>
      <FormProblem ref={summary} problem={problem} failed={create.isError} errors={errors} fieldIdOf={fieldIdOf} />

      <Fieldset className="programme-stack">
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">
            {t('programme.setup.about')}
          </Heading>
        </Fieldset.Legend>
        <Textfield id="setup-title" label={t('programme.setup.roundTitle')} description={t('programme.setup.roundTitleHelp')} value={title} error={errors.title} onChange={(e) => setTitle(e.target.value)} />
        <div className="programme-row">
          <Textfield id="setup-planYear" label={t('programme.setup.planYear')} inputMode="numeric" value={planYear} error={errors.planYear} onChange={(e) => changePlanYear(e.target.value)} />
          <Field>
            <Label htmlFor="setup-quorum">{t('programme.setup.quorum')}</Label>
            <Field.Description>{t('programme.setup.quorumHelp')}</Field.Description>
            <Select id="setup-quorum" value={quorum} onChange={(e) => setQuorum(e.target.value)} aria-invalid={errors.quorum ? true : undefined}>
              {Object.keys(QUORUMS).map((q) => (
                <Select.Option key={q} value={q}>
                  {t(`programme.setup.quorumOptions.${q.replace('/', '_')}`)}
                </Select.Option>
              ))}
            </Select>
            {errors.quorum && <ValidationMessage>{errors.quorum}</ValidationMessage>}
          </Field>
          <Textfield
            id="setup-scoreFloor"
            label={`${t('programme.setup.scoreFloor')} (${t('programme.form.optional')})`}
            description={t('programme.setup.scoreFloorHelp')}
            inputMode="decimal"
            value={scoreFloor}
            error={errors.scoreFloor}
            onChange={(e) => setScoreFloor(e.target.value)}
          />
        </div>
        <Textfield
          id="setup-boardDecision"
          multiline
          rows={2}
          label={`${t('programme.setup.boardDecision')} (${t('programme.form.optional')})`}
          description={t('programme.setup.boardDecisionHelp')}
          value={boardDecision}
          error={errors.boardDecision}
          onChange={(e) => setBoardDecision(e.target.value)}
        />
      </Fieldset>

      <Fieldset className="programme-stack" id="setup-budget" tabIndex={-1}>
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">
            {t('programme.setup.budget')}
          </Heading>
        </Fieldset.Legend>
        <Fieldset.Description>{t('programme.setup.budgetHelp')}</Fieldset.Description>
        {(errors.budget ?? Object.entries(errors).find(([k]) => /^budget\.\d+$/.test(k))?.[1]) && (
          <ValidationMessage>{errors.budget ?? Object.entries(errors).find(([k]) => /^budget\.\d+$/.test(k))?.[1]}</ValidationMessage>
        )}
        {budget.map((row, i) => (
          <div className="programme-row" key={i}>
            <Textfield
              id={`setup-budget-${i}-year`}
              label={t('programme.setup.year')}
              inputMode="numeric"
              value={row.year}
              error={errors[`budget.${i}.year`]}
              onChange={(e) => setBudget(budget.map((b, j) => (j === i ? { ...b, year: e.target.value } : b)))}
            />
            <Textfield
              id={`setup-budget-${i}-amountNok`}
              label={t('programme.setup.frame', { year: row.year })}
              inputMode="numeric"
              value={row.amount}
              error={errors[`budget.${i}.amountNok`]}
              onChange={(e) => setBudget(budget.map((b, j) => (j === i ? { ...b, amount: e.target.value } : b)))}
            />
            {budget.length > 1 && (
              <Button variant="tertiary" data-size="sm" onClick={() => setBudget(budget.filter((_, j) => j !== i))}>
                {t('programme.setup.removeYear', { year: row.year })}
              </Button>
            )}
          </div>
        ))}
        <div>
          <Button
            variant="secondary"
            data-size="sm"
            onClick={() => {
              const last = Number(budget[budget.length - 1]?.year);
              setBudget([...budget, { year: Number.isInteger(last) && last > 0 ? String(last + 1) : '', amount: '' }]);
            }}
          >
            {t('programme.setup.addYear')}
          </Button>
        </div>
      </Fieldset>

      <Fieldset className="programme-stack" id="setup-criteria" tabIndex={-1}>
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">
            {t('programme.setup.criteria')}
          </Heading>
        </Fieldset.Legend>
        <Fieldset.Description>{t('programme.setup.criteriaHelp')}</Fieldset.Description>
        {errors.criteria && <ValidationMessage>{errors.criteria}</ValidationMessage>}
        <div className="table-scroll">
          <Table className="criteria-table">
            <caption>{t('programme.setup.criteriaCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('programme.setup.criterionNumberHeader')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.setup.criterionNb')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.setup.criterionEn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.setup.weight')}</Table.HeaderCell>
                <Table.HeaderCell>{t('programme.setup.remove')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {criteria.map((c, i) => (
                <Table.Row key={c.key}>
                  <Table.HeaderCell scope="row" id={`criterion-${i}`}>
                    {i + 1}
                  </Table.HeaderCell>
                  <Table.Cell>
                    <Textfield
                      id={`setup-criteria-${i}-label-nb`}
                      aria-label={t('programme.setup.criterionNbOf', { number: i + 1 })}
                      lang="nb"
                      value={c.nb}
                      error={errors[`criteria.${i}.label.nb`]}
                      onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, nb: e.target.value } : x)))}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <Textfield
                      id={`setup-criteria-${i}-label-en`}
                      aria-label={t('programme.setup.criterionEnOf', { number: i + 1 })}
                      lang="en"
                      value={c.en}
                      error={errors[`criteria.${i}.label.en`]}
                      onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, en: e.target.value } : x)))}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <Textfield
                      id={`setup-criteria-${i}-weight`}
                      aria-label={t('programme.setup.weightOf', { number: i + 1 })}
                      inputMode="decimal"
                      value={c.weight}
                      error={errors[`criteria.${i}.weight`] ?? errors[`criteria.${c.key}`]}
                      onChange={(e) => setCriteria(criteria.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)))}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    {criteria.length > 1 && (
                      <Button
                        variant="tertiary"
                        data-size="sm"
                        aria-label={t('programme.setup.removeCriterion', { name: format.label({ nb: c.nb, en: c.en }) || i + 1 })}
                        onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
                      >
                        {t('programme.setup.remove')}
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
        <div>
          <Button
            variant="secondary"
            data-size="sm"
            disabled={criteria.length >= 12}
            onClick={() => {
              // A key the person never sees: the first free "criterionN".
              let n = criteria.length + 1;
              while (criteria.some((c) => c.key === `criterion${n}`)) n++;
              setCriteria([...criteria, { key: `criterion${n}`, nb: '', en: '', weight: '1' }]);
            }}
          >
            {t('programme.setup.addCriterion')}
          </Button>
        </div>
      </Fieldset>

      <Fieldset className="programme-stack" id="setup-members" tabIndex={-1}>
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">
            {t('programme.setup.members')}
          </Heading>
        </Fieldset.Legend>
        <Fieldset.Description>{t('programme.setup.membersHelp')}</Fieldset.Description>
        {council.isPending && <Loading />}
        {council.isError && <LoadError onRetry={() => void council.refetch()} />}
        {council.data && people.length === 0 && <Paragraph>{t('programme.setup.noCouncil')}</Paragraph>}
        {people.map((p) => (
          <Checkbox
            key={p.id}
            label={p.name}
            value={p.id}
            checked={chosenMembers.has(p.id)}
            error={errors[`member.${p.id}`]}
            onChange={(e) => setMembers(toggle(chosenMembers, p.id, e.target.checked))}
          />
        ))}
        {errors.memberIds && <ValidationMessage>{errors.memberIds}</ValidationMessage>}
      </Fieldset>

      <Fieldset className="programme-stack" id="setup-candidates" tabIndex={-1}>
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">
            {t('programme.setup.candidates')}
          </Heading>
        </Fieldset.Legend>
        <Fieldset.Description>{t('programme.setup.candidatesHelp')}</Fieldset.Description>
        {errors.candidates && <ValidationMessage>{errors.candidates}</ValidationMessage>}
        {backlog.isPending && <Loading />}
        {backlog.isError && <LoadError onRetry={() => void backlog.refetch()} />}
        {backlog.data && cases.length === 0 && <Paragraph>{t('programme.backlog.empty')}</Paragraph>}
        {cases.length > 0 && (
          <div className="table-scroll">
            <Table>
              <caption>{t('programme.setup.candidatesCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('programme.setup.include')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.case')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.setup.cost')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('programme.setup.mandatory')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {cases.map((c) => (
                  <Table.Row key={c.caseId}>
                    <Table.Cell>
                      <Checkbox
                        aria-label={t('programme.setup.includeCase', { reference: c.reference })}
                        checked={chosenCases.has(c.caseId)}
                        onChange={(e) => setIncluded(toggle(chosenCases, c.caseId, e.target.checked))}
                      />
                    </Table.Cell>
                    <Table.Cell>
                      {`${c.reference}: ${c.title}`}
                      {c.deferredBefore > 0 && <span className="programme-muted"> ({t('programme.backlog.deferredTimes', { count: c.deferredBefore })})</span>}
                      {errors[`case.${c.caseId}`] && <ValidationMessage>{errors[`case.${c.caseId}`]}</ValidationMessage>}
                    </Table.Cell>
                    <Table.Cell>{c.cost}</Table.Cell>
                    <Table.Cell>
                      <Checkbox
                        aria-label={t('programme.setup.mandatoryCase', { reference: c.reference })}
                        disabled={!chosenCases.has(c.caseId)}
                        checked={chosenCases.has(c.caseId) && mandatory.has(c.caseId)}
                        onChange={(e) => setMandatory(toggle(mandatory, c.caseId, e.target.checked))}
                      />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Fieldset>

      <Fieldset className="programme-stack" id="setup-dependencies" tabIndex={-1}>
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">{`${t('programme.setup.dependencies')} (${t('programme.form.optional')})`}</Heading>
        </Fieldset.Legend>
        <Fieldset.Description>{t('programme.setup.dependenciesHelp')}</Fieldset.Description>
        {Object.entries(errors)
          .filter(([k]) => k.startsWith('dependencies'))
          .map(([k, reason]) => (
            <ValidationMessage key={k}>{reason}</ValidationMessage>
          ))}
        {dependencies.map((d, i) => (
          <div className="programme-row" key={i}>
            <CasePicker
              id={`setup-dependency-${i}-case`}
              label={t('programme.setup.dependencyCase', { number: i + 1 })}
              value={d.caseId}
              cases={inRound}
              onChange={(caseId) => setDependencies(dependencies.map((x, j) => (j === i ? { ...x, caseId } : x)))}
            />
            <CasePicker
              id={`setup-dependency-${i}-requires`}
              label={t('programme.setup.dependencyRequires', { number: i + 1 })}
              value={d.requires}
              cases={inRound}
              onChange={(requires) => setDependencies(dependencies.map((x, j) => (j === i ? { ...x, requires } : x)))}
            />
            <Button variant="tertiary" data-size="sm" onClick={() => setDependencies(dependencies.filter((_, j) => j !== i))}>
              {t('programme.setup.removeDependency', { number: i + 1 })}
            </Button>
          </div>
        ))}
        <div>
          <Button variant="secondary" data-size="sm" disabled={inRound.length < 2} onClick={() => setDependencies([...dependencies, { caseId: '', requires: '' }])}>
            {t('programme.setup.addDependency')}
          </Button>
        </div>
      </Fieldset>

      <Fieldset className="programme-stack" id="setup-alternatives" tabIndex={-1}>
        <Fieldset.Legend>
          <Heading level={2} data-size="xs">{`${t('programme.setup.alternatives')} (${t('programme.form.optional')})`}</Heading>
        </Fieldset.Legend>
        <Fieldset.Description>{t('programme.setup.alternativesHelp')}</Fieldset.Description>
        {Object.entries(errors)
          .filter(([k]) => k.startsWith('alternatives'))
          .map(([k, reason]) => (
            <ValidationMessage key={k}>{reason}</ValidationMessage>
          ))}
        {alternatives.map((group, i) => (
          <Fieldset key={i} className="programme-item">
            <Fieldset.Legend>{t('programme.setup.alternativeGroup', { number: i + 1 })}</Fieldset.Legend>
            {inRound.map((c) => (
              <Checkbox
                key={c.caseId}
                label={caseName(c.caseId)}
                checked={group.includes(c.caseId)}
                onChange={(e) =>
                  setAlternatives(alternatives.map((g, j) => (j === i ? (e.target.checked ? [...g, c.caseId] : g.filter((x) => x !== c.caseId)) : g)))
                }
              />
            ))}
            <div>
              <Button variant="tertiary" data-size="sm" onClick={() => setAlternatives(alternatives.filter((_, j) => j !== i))}>
                {t('programme.setup.removeAlternativeGroup', { number: i + 1 })}
              </Button>
            </div>
          </Fieldset>
        ))}
        <div>
          <Button variant="secondary" data-size="sm" disabled={inRound.length < 2} onClick={() => setAlternatives([...alternatives, []])}>
            {t('programme.setup.addAlternativeGroup')}
          </Button>
        </div>
      </Fieldset>

      <div className="programme-buttons">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('programme.form.saving') : round ? t('programme.setup.save') : t('programme.setup.create')}
        </Button>
        <Button variant="tertiary" asChild>
          <RouterLink to={round ? `/rounds/${round.id}` : '/programme'}>{t('programme.form.cancel')}</RouterLink>
        </Button>
      </div>
    </form>
  );
}

function CasePicker({ id, label, value, cases, onChange }: { id: string; label: string; value: string; cases: SetupCase[]; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <Select.Option value="">{t('programme.form.choose')}</Select.Option>
        {cases.map((c) => (
          <Select.Option key={c.caseId} value={c.caseId}>
            {`${c.reference}: ${c.title}`}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
