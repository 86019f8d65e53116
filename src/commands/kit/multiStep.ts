// Multi-step palette flows, after the multi-step sample of microsoft/vscode-extension-samples (quickinput-sample): every
// QuickPick and InputBox of a flow shows the flow's title with "step/total", says in its placeholder what it asks for,
// and from the second step on has a Back button.
//
// A flow runs its body as plain sequential code. Back re-runs the body from the start: the answers before the step
// being returned to are replayed without showing anything (item loaders are not called again), so only that step shows.
import * as vscode from 'vscode';
import { Cancelled } from './cancelled';

export type Item<T> = vscode.QuickPickItem & { value?: T };

/** The items, or a loader: the picker shows its busy bar while a promise settles; a replayed step never loads. */
export type Items<T> = Item<T>[] | (() => Item<T>[] | Promise<Item<T>[]>);

export interface PickStep<T> {
  /** What this step asks for, e.g. "Select the role to drop". */
  placeholder: string;
  items: Items<T>;
  /** Also match what is typed against descriptions and details. Never for a destructive command: the name only. */
  matchOnDescription?: boolean;
  /** pickMany: Enter with nothing checked takes the highlighted item (otherwise it accepts an empty choice). */
  highlightedIfNone?: boolean;
  /**
   * An item for the text typed into the filter (e.g. "Use “x”"), shown first while it returns one; asked again as the
   * text changes, with the loaded items.
   */
  typed?: (text: string, items: readonly Item<T>[]) => Item<T> | undefined;
}

export interface InputStep {
  prompt: string;
  /** Part of the step before it (e.g. the name typed after "Other…"): shown with the same step number. */
  sameStep?: boolean;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** A message refuses the value. It shows while typing (once something is typed) and on Enter. */
  validate?: (value: string) => string | undefined;
}

/** Whether the filter `text` shows `item` (VS Code matches a substring in any case; camel-case matches aside). */
function matchesFilter(item: vscode.QuickPickItem, text: string, onDescription: boolean): boolean {
  const wanted = text.trim().toLowerCase();
  const fields = onDescription ? [item.label, item.description, item.detail] : [item.label];
  return fields.some((field) => field?.toLowerCase().includes(wanted));
}

/**
 * What Enter takes when nothing is checked: the highlighted item, else (a multi-select highlights nothing after typing
 * a filter) the one item the filter leaves, or the one whose name is exactly what was typed.
 */
function highlightedOrOnlyMatch<T>(picker: vscode.QuickPick<Item<T>>, onDescription: boolean): Item<T>[] {
  const text = picker.value;
  const highlighted = picker.activeItems.filter((item) => item.value !== undefined);
  if (highlighted.length > 0 || text.trim() === '') return highlighted;
  const matches = picker.items.filter((item) => item.value !== undefined && matchesFilter(item, text, onDescription));
  const exact = matches.filter((item) => item.label.toLowerCase() === text.trim().toLowerCase());
  return matches.length === 1 ? matches : exact.length === 1 ? exact : [];
}

class Back extends Error {
  constructor() {
    super('Back');
  }
}

type Shown = vscode.QuickPick<Item<unknown>> | vscode.InputBox;

const pickShown = new vscode.EventEmitter<vscode.QuickPick<vscode.QuickPickItem>>();
/** Fires with each QuickPick a flow shows: the test API passes it on, so tests read and answer the real picker. */
export const onDidShowPick = pickShown.event;
const inputShown = new vscode.EventEmitter<vscode.InputBox>();
/** Fires with each InputBox a flow shows (the test API passes it on). */
export const onDidShowInput = inputShown.event;

export class Flow {
  /**
   * Steps this flow can show (the step counter's denominator): known before the first step shows and never changed
   * afterwards. Resolvers add their steps before showing any; a step that turns out not to be needed is skipped.
   */
  total: number;
  private answers: unknown[] = [];
  /** The label last chosen at each step, to highlight it again when the user comes back. */
  private chosen: (string | undefined)[] = [];
  private index = 0;
  /** The number of the step shown last (skipped steps count). */
  private step = 0;

  /** `title` names the flow (usually the command's title); `total` is the steps known before the body runs. */
  constructor(
    readonly title: string | undefined,
    private readonly initialTotal = 1,
  ) {
    this.total = initialTotal;
  }

  /** Runs `body`, again from the start after each Back. */
  async run<T>(body: () => Promise<T>): Promise<T> {
    for (;;) {
      this.index = 0;
      this.step = 0;
      this.total = this.initialTotal;
      try {
        return await body();
      } catch (error) {
        if (!(error instanceof Back)) throw error;
      }
    }
  }

  /** One item; throws Cancelled when dismissed. */
  pick<T>(step: PickStep<T>): Promise<T> {
    return this.ask(() => this.showPick(step, false).then((picked) => picked[0] as T));
  }

  /** Several items; those with `picked: true` start checked. */
  pickMany<T>(step: PickStep<T>): Promise<T[]> {
    return this.ask(() => this.showPick(step, true) as Promise<T[]>);
  }

  input(step: InputStep): Promise<string> {
    return this.ask(() => this.showInput(step), step.sameStep === true);
  }

  /** Steps counted in the total that this run does not need (e.g. the collection of a database-level grant). */
  skip(steps = 1): void {
    this.step += steps;
  }

  private async ask<T>(show: () => Promise<T>, sameStep = false): Promise<T> {
    if (!sameStep || this.step === 0) this.step++;
    const index = this.index++;
    if (index < this.answers.length) return this.answers[index] as T;
    const answer = await show();
    this.answers.push(answer);
    return answer;
  }

  private decorate(shown: Shown, index: number): void {
    shown.title = this.title;
    if (this.total > 1) {
      shown.step = this.step;
      shown.totalSteps = this.total;
    }
    shown.buttons = index > 0 ? [vscode.QuickInputButtons.Back] : [];
    shown.ignoreFocusOut = true;
  }

  /** Shows `shown` until `onAccept` settles the step, Back is pressed (the previous step is asked again), or it is hidden. */
  private settle<T>(shown: Shown, index: number, onAccept: (done: (value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        outcome();
        shown.dispose();
      };
      shown.onDidAccept(() => onAccept((value) => finish(() => resolve(value))));
      shown.onDidTriggerButton((button) => {
        if (button !== vscode.QuickInputButtons.Back) return;
        this.answers.length = index - 1;
        finish(() => reject(new Back()));
      });
      shown.onDidHide(() => finish(() => reject(new Cancelled())));
      shown.show();
    });
  }

  private showPick<T>(step: PickStep<T>, many: boolean): Promise<T[]> {
    const index = this.index - 1;
    const picker = vscode.window.createQuickPick<Item<T>>();
    this.decorate(picker as vscode.QuickPick<Item<unknown>>, index);
    picker.placeholder = step.placeholder;
    picker.matchOnDescription = step.matchOnDescription === true;
    picker.matchOnDetail = step.matchOnDescription === true;
    picker.canSelectMany = many;
    let loadedItems: Item<T>[] = [];
    let typedItem: Item<T> | undefined;
    /** Shows the loaded items, after the item for the typed text when there is one. */
    const showTyped = (next: Item<T> | undefined): void => {
      typedItem = next;
      picker.items = next ? [next, ...loadedItems] : loadedItems;
    };
    const fill = (items: Item<T>[]): void => {
      loadedItems = items;
      showTyped(step.typed?.(picker.value, items));
      if (many) picker.selectedItems = items.filter((item) => item.picked);
      const again = items.find((item) => item.value !== undefined && item.label === this.chosen[index]);
      const first = typedItem ?? again ?? items.find((item) => item.value !== undefined);
      if (first) picker.activeItems = [first];
    };
    if (step.typed) {
      const typed = step.typed;
      picker.onDidChangeValue((text) => {
        const next = typed(text, loadedItems);
        if (next?.label === typedItem?.label && next?.value === typedItem?.value) return;
        showTyped(next);
        if (next) picker.activeItems = [next];
      });
    }
    let loadError: unknown;
    const loaded = typeof step.items === 'function' ? step.items() : step.items;
    if (Array.isArray(loaded)) {
      fill(loaded);
    } else {
      picker.busy = true;
      loaded
        .then(fill, (error: unknown) => {
          loadError = error;
          picker.hide();
        })
        .finally(() => (picker.busy = false));
    }
    const settled = this.settle<Item<T>[]>(picker as vscode.QuickPick<Item<unknown>>, index, (done) => {
      const checked = picker.selectedItems.filter((item) => item.value !== undefined);
      const highlighted = highlightedOrOnlyMatch(picker, step.matchOnDescription === true);
      const chosen = many && (checked.length > 0 || !step.highlightedIfNone) ? checked : highlighted;
      if (chosen.length === 0 && (!many || step.highlightedIfNone)) return;
      this.chosen[index] = chosen[0]?.label;
      done([...chosen]);
    });
    pickShown.fire(picker as vscode.QuickPick<vscode.QuickPickItem>);
    return settled.then(
      (items) => items.map((item) => item.value as T),
      (error: unknown) => {
        throw loadError ?? error;
      },
    );
  }

  private showInput(step: InputStep): Promise<string> {
    const index = this.index - 1;
    const box = vscode.window.createInputBox();
    this.decorate(box, index);
    box.prompt = step.prompt;
    box.placeholder = step.placeholder;
    box.value = step.value ?? '';
    box.password = step.password === true;
    const check = step.validate ?? ((): undefined => undefined);
    box.onDidChangeValue((value) => {
      box.validationMessage = value === '' ? undefined : check(value);
    });
    const settled = this.settle<string>(box, index, (done) => {
      const problem = check(box.value);
      box.validationMessage = problem;
      if (problem === undefined) done(box.value);
    });
    inputShown.fire(box);
    return settled;
  }
}
