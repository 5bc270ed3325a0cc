import {
  type AdminResetMode,
  type AdminUser,
  type BulkProgress,
  type Problem,
  type SsprApi,
  SsprProblem,
  type UserResult,
} from "@sspr/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";

/** Users a page shows. */
const PAGE_SIZE = 25;

/** The steps of `<sspr-admin-users>`. */
type UsersStep =
  | "loading"
  | "list"
  | "confirm"
  | "working"
  | "results"
  | "failed"
  | "network-error";

/** What an administrator does to the users: reset their password, or require a change. */
type UsersOperation = "reset" | "force-change";

/** Whom an operation concerns: the selected users, or everyone but the administrator. */
type UsersTarget = "selected" | "all";

/** What the confirm step's form holds. */
interface ResetChoice {
  mode: AdminResetMode;
  sendTo: string;
  password: string;
}

/** Where an operation stands: users done of how many (`null` until the engine said). */
interface UsersProgress {
  total: number | null;
  done: number;
}

/** Called when an operation ended, with each user's result (temporary passwords left out). */
type UsersEnded = (operation: UsersOperation | "never-expires", results: UserResult[]) => void;

const problemOf = (error: unknown): Problem | null =>
  error instanceof SsprProblem ? error.problem : null;

/** A result as others may see it: never a temporary password. */
const withoutPassword = ({ temporaryPassword: _, ...result }: UserResult): UserResult => result;

/**
 * The state of `<sspr-admin-users>`, without a state machine: the page of users (search,
 * offset, total), the selection across pages, the ways the policy allows, the operation being
 * confirmed or run with its progress, and its results. Temporary passwords live only in
 * `results`, which is emptied as the administrator leaves the results step.
 */
export class AdminUsersController implements ReactiveController {
  step: UsersStep = "loading";
  busy = false;
  problem: Problem | null = null;
  users: AdminUser[] = [];
  total = 0;
  search = "";
  offset = 0;
  /** The selected users' ids, kept while paging and searching. */
  readonly selected = new Set<string>();
  /** The ways besides an invitation that the policy allows. */
  allowed = { temporary: false, chosen: false };
  /** The policy's least length of a password, for a typed one's rules. */
  minLength = 0;
  operation: UsersOperation = "reset";
  target: UsersTarget = "selected";
  /** The way chosen on the confirm step. */
  mode: AdminResetMode = "invitation";
  progress: UsersProgress = { total: null, done: 0 };
  results: UserResult[] = [];
  /** True when a run broke off before its end (its results so far are shown). */
  interrupted = false;
  /** Ids whose never-expire setting is being saved. */
  readonly saving = new Set<string>();
  // Names of the users seen, for the results of users on other pages.
  readonly #names = new Map<string, string>();
  #loaded = false;
  // Only the newest page request may change the page.
  #request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => SsprApi,
    private readonly ended: UsersEnded,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#loaded) this.load();
  }

  /** A user's name, else their id. */
  nameOf(userId: string): string {
    return this.#names.get(userId) ?? userId;
  }

  #update(): void {
    this.host.requestUpdate();
  }

  /** Where an unexpected failure leads: a problem on the step, else the network error. */
  #fail(error: unknown, step: UsersStep = this.step): void {
    const problem = problemOf(error);
    this.problem = problem;
    this.step = problem ? step : "network-error";
    this.busy = false;
    this.#update();
  }

  /** Loads the current page, and the ways the policy allows. */
  async load(): Promise<void> {
    this.#loaded = true;
    const request = ++this.#request;
    this.busy = true;
    this.#update();
    const api = this.api();
    try {
      const [page, { policy }] = await Promise.all([
        api.listUsers({
          ...(this.search ? { search: this.search } : {}),
          offset: this.offset,
          limit: PAGE_SIZE,
        }),
        api.getPolicy(),
      ]);
      if (request !== this.#request) return;
      // Past the end (users went away meanwhile): the last page there is.
      if (page.users.length === 0 && this.offset > 0 && page.total > 0) {
        this.offset = Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE;
        return this.load();
      }
      this.users = page.users;
      this.total = page.total;
      for (const user of page.users) this.#names.set(user.id, user.displayName);
      this.allowed = {
        temporary: policy.adminReset.temporaryPassword,
        chosen: policy.adminReset.chosenPassword,
      };
      this.minLength = policy.password.minLength;
      this.problem = null;
      this.step = "list";
      this.busy = false;
      this.#update();
    } catch (error) {
      if (request !== this.#request) return;
      this.#fail(error, this.step === "list" ? "list" : "failed");
    }
  }

  /** Searches from the first page. */
  find(search: string): void {
    this.search = search.trim();
    this.offset = 0;
    this.load();
  }

  /** The previous (-1) or next (1) page. */
  turn(by: -1 | 1): void {
    this.offset = Math.max(0, this.offset + by * PAGE_SIZE);
    this.load();
  }

  select(userId: string, on: boolean): void {
    if (on) this.selected.add(userId);
    else this.selected.delete(userId);
    this.#update();
  }

  /** Selects, or deselects, every user on the page. */
  selectPage(on: boolean): void {
    for (const user of this.users) this.select(user.id, on);
  }

  /** Exempts a user's password from expiry, or not. */
  async setNeverExpires(userId: string, neverExpires: boolean): Promise<void> {
    this.saving.add(userId);
    this.busy = true;
    this.problem = null;
    this.#update();
    try {
      const user = await this.api().setPasswordNeverExpires({ userId, neverExpires });
      this.users = this.users.map((u) => (u.id === user.id ? user : u));
      this.saving.delete(userId);
      this.busy = false;
      this.ended("never-expires", [{ userId, outcome: "done" }]);
      this.#update();
    } catch (error) {
      this.saving.delete(userId);
      this.#fail(error);
    }
  }

  /** Opens the confirm step for an operation. */
  ask(operation: UsersOperation, target: UsersTarget): void {
    this.operation = operation;
    this.target = target;
    this.mode = "invitation";
    this.problem = null;
    this.step = "confirm";
    this.#update();
  }

  choose(mode: AdminResetMode): void {
    this.mode = mode;
    this.problem = null;
    this.#update();
  }

  /** Back to the list, nothing done. */
  cancel(): void {
    this.problem = null;
    this.step = "list";
    this.#update();
  }

  /** The one selected user, when the operation concerns exactly one. */
  get single(): string | undefined {
    return this.target === "selected" && this.selected.size === 1
      ? [...this.selected][0]
      : undefined;
  }

  /** Runs the confirmed operation. */
  async run(choice: ResetChoice): Promise<void> {
    const userId = this.single;
    if (this.operation === "reset" && userId) return this.#resetOne(userId, choice);
    const api = this.api();
    const selection =
      this.target === "all" ? ({ all: true } as const) : { userIds: [...this.selected] };
    const mode = choice.mode === "chosen" ? "invitation" : choice.mode;
    return this.#stream(
      this.operation === "reset"
        ? api.bulkResetPasswords({ ...selection, mode })
        : api.forcePasswordChange(selection),
    );
  }

  /**
   * One reset, with every way and an address. It is quick: the confirm step stays, busy, so a
   * problem (a password the rules refuse, an address needed) is fixed in the form as typed.
   */
  async #resetOne(userId: string, choice: ResetChoice): Promise<void> {
    this.results = [];
    this.interrupted = false;
    this.problem = null;
    this.busy = true;
    this.#update();
    const sendTo = choice.sendTo.trim();
    try {
      const result = await this.api().resetUserPassword({
        userId,
        mode: choice.mode,
        ...(choice.mode === "chosen" ? { password: choice.password } : {}),
        ...(choice.mode !== "chosen" && sendTo ? { sendTo } : {}),
      });
      this.results = [result];
      this.progress = { total: 1, done: 1 };
      this.#finish();
    } catch (error) {
      this.#fail(error, "confirm");
    }
  }

  /** Follows a bulk operation's stream to its end. */
  async #stream(lines: AsyncIterable<BulkProgress>): Promise<void> {
    this.#start();
    try {
      for await (const line of lines) {
        if (line.type === "start") this.progress = { total: line.total, done: 0 };
        else if (line.type === "result") {
          this.results.push(line.result);
          this.progress = { ...this.progress, done: this.results.length };
        }
        this.#update();
      }
      this.#finish();
    } catch (error) {
      // Refused before the first line: back on the confirm step with the problem.
      if (this.results.length === 0) return this.#fail(error, "confirm");
      // Broken off: what happened so far stays on screen, temporary passwords included.
      this.interrupted = true;
      this.problem = problemOf(error);
      this.#finish();
    }
  }

  #start(): void {
    this.results = [];
    this.interrupted = false;
    this.progress = { total: null, done: 0 };
    this.problem = null;
    this.busy = true;
    this.step = "working";
    this.#update();
  }

  #finish(): void {
    this.busy = false;
    this.step = "results";
    this.ended(this.operation, this.results.map(withoutPassword));
    this.#update();
  }

  /** Leaves the results: temporary passwords are forgotten, the list shows the new state. */
  back(): void {
    this.results = [];
    this.interrupted = false;
    this.progress = { total: null, done: 0 };
    this.selected.clear();
    this.problem = null;
    this.step = "list";
    this.load();
  }
}
