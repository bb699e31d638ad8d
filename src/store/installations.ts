/** An installation of the GitHub App on an account. */
export interface InstallationRecord {
  id: number;
  /** Login of the user or organisation that installed the app. */
  account: string;
  accountType: string;
  /** `all` repositories of the account, or only `selected` ones. */
  repositorySelection: "all" | "selected";
  suspended: boolean;
  deleted: boolean;
  /** ISO 8601. */
  updatedAt: string;
}

/** Whether an installation still covers a repository, as far as the recorded webhooks tell. */
export type RepositoryCoverage = "covered" | "not-covered" | "unknown";

/** Persistence for installations and the repositories each one covers (from installation* webhooks). */
export interface InstallationStore {
  upsert(installation: Omit<InstallationRecord, "updatedAt" | "deleted" | "suspended">): Promise<void>;
  markDeleted(id: number): Promise<void>;
  setSuspended(id: number, suspended: boolean): Promise<void>;
  /** Records repositories (`owner/name`) as covered. */
  addRepositories(id: number, repositories: string[]): Promise<void>;
  /** Records repositories (`owner/name`) as no longer covered. */
  removeRepositories(id: number, repositories: string[]): Promise<void>;
  get(id: number): Promise<InstallationRecord | null>;
  /** Repositories currently recorded as covered. */
  repositories(id: number): Promise<string[]>;
  coverage(id: number, repository: string): Promise<RepositoryCoverage>;
}
