// The shape of one row of the requests table (requestNeeds.generated.ts, requestHistory.ts).
import type { ObjectType } from '../types';

/** What the server checks before it runs one request (Milvus `privilege_ext_obj`). */
export interface RequestNeed {
  /** The request message, e.g. `SearchRequest`. */
  request: string;
  /** Where the privilege must be granted: Collection, Global (database or cluster) or User. */
  objectType: ObjectType;
  /** The privilege, as an API name (`Search`, not `PrivilegeSearch`). */
  privilege: string;
  /** The request field that names the object (`collection_name`); absent: the object is `*`. */
  objectField?: string;
  /** The field names several objects (Flush's `collection_names`): each is checked. */
  many?: true;
}
