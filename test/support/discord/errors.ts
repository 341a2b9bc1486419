import { RESTJSONErrorCodes } from 'discord-api-types/v10';

export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested "errors" object: paths of keys (array indexes as strings) ending in {_errors: [...]}. */
export interface FormErrors {
  [key: string]: FormErrors | FieldError[];
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: FormErrors;
}

export interface ErrorReply {
  status: number;
  body: DiscordErrorBody;
}

export function addFieldError(errors: FormErrors, path: readonly (string | number)[], error: FieldError): void {
  let node = errors;
  for (const key of path) {
    const child = node[String(key)];
    if (child === undefined || Array.isArray(child)) {
      const created: FormErrors = {};
      node[String(key)] = created;
      node = created;
    } else {
      node = child;
    }
  }
  const list = node._errors;
  if (Array.isArray(list)) list.push(error);
  else node._errors = [error];
}

export function maxLengthError(max: number): FieldError {
  return { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

export const requiredFieldError: FieldError = { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };

export function invalidFormBody(errors: FormErrors): ErrorReply {
  return { status: 400, body: { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body', errors } };
}

export const discordErrors = {
  unauthorized: (): ErrorReply => ({ status: 401, body: { code: 0, message: '401: Unauthorized' } }),
  notFound: (): ErrorReply => ({ status: 404, body: { code: 0, message: '404: Not Found' } }),
  missingAccess: (): ErrorReply => ({ status: 403, body: { code: RESTJSONErrorCodes.MissingAccess, message: 'Missing Access' } }),
  missingPermissions: (): ErrorReply => ({
    status: 403,
    body: { code: RESTJSONErrorCodes.MissingPermissions, message: 'Missing Permissions' },
  }),
  unknownChannel: (): ErrorReply => ({ status: 404, body: { code: RESTJSONErrorCodes.UnknownChannel, message: 'Unknown Channel' } }),
  unknownMessage: (): ErrorReply => ({ status: 404, body: { code: RESTJSONErrorCodes.UnknownMessage, message: 'Unknown Message' } }),
  unknownWebhook: (): ErrorReply => ({ status: 404, body: { code: RESTJSONErrorCodes.UnknownWebhook, message: 'Unknown Webhook' } }),
  unknownInteraction: (): ErrorReply => ({
    status: 404,
    body: { code: RESTJSONErrorCodes.UnknownInteraction, message: 'Unknown interaction' },
  }),
  unknownApplication: (): ErrorReply => ({
    status: 404,
    body: { code: RESTJSONErrorCodes.UnknownApplication, message: 'Unknown Application' },
  }),
  alreadyAcknowledged: (): ErrorReply => ({
    status: 400,
    body: {
      code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
      message: 'Interaction has already been acknowledged.',
    },
  }),
  emptyMessage: (): ErrorReply => ({
    status: 400,
    body: { code: RESTJSONErrorCodes.CannotSendAnEmptyMessage, message: 'Cannot send an empty message' },
  }),
  cannotEditOthersMessage: (): ErrorReply => ({
    status: 403,
    body: {
      code: RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
      message: 'Cannot edit a message authored by another user',
    },
  }),
  unknownGuild: (): ErrorReply => ({ status: 404, body: { code: RESTJSONErrorCodes.UnknownGuild, message: 'Unknown Guild' } }),
  nonTextChannel: (): ErrorReply => ({
    status: 400,
    body: { code: RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel, message: 'Cannot send messages in a non-text channel' },
  }),
  wrongChannelType: (): ErrorReply => ({
    status: 400,
    body: { code: RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, message: 'Cannot execute action on this channel type' },
  }),
  threadAlreadyCreated: (): ErrorReply => ({
    status: 400,
    body: { code: RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage, message: 'A thread has already been created for this message' },
  }),
  internalServerError: (): ErrorReply => ({ status: 500, body: { code: 0, message: '500: Internal Server Error' } }),
  badGateway: (status: number): ErrorReply => ({ status, body: { code: 0, message: `${status}: Upstream error` } }),
};
