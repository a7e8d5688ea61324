/**
 * A strict JSON schema for the part of Adaptive Cards 1.5 this renderer emits, written from the 1.5 element reference.
 * The `adaptivecards` parser (validate-card.ts) ignores unknown properties, so a typo like "wrapp" would pass it;
 * this schema has additionalProperties: false and the enumerations of 1.5, and Teams' host limit of 6 actions.
 */
const spacing = { enum: ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'] };
const common = {
  id: { type: 'string' },
  isVisible: { type: 'boolean' },
  separator: { type: 'boolean' },
  spacing,
};
const actionCommon = {
  title: { type: 'string', minLength: 1 },
  id: { type: 'string' },
  iconUrl: { type: 'string' },
  style: { enum: ['default', 'positive', 'destructive'] },
  tooltip: { type: 'string' },
  isEnabled: { type: 'boolean' },
  mode: { enum: ['primary', 'secondary'] },
};
const TEAMS_MAX_ACTIONS = 6;

/** Dispatch on "type" (if/then) rather than oneOf, so an error names the property at fault, not every branch. */
function byType(types: string[]) {
  return types.map((t) => ({
    if: { properties: { type: { const: t } }, required: ['type'] },
    then: { $ref: `#/definitions/${t}` },
  }));
}

export const cardSchema = {
  $id: 'integriteitsbot:adaptive-card-1.5-subset',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'version', 'body'],
  properties: {
    type: { const: 'AdaptiveCard' },
    $schema: { type: 'string' },
    version: { enum: ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'] },
    body: { type: 'array', items: { $ref: '#/definitions/element' } },
    actions: { type: 'array', maxItems: TEAMS_MAX_ACTIONS, items: { $ref: '#/definitions/action' } },
    fallbackText: { type: 'string' },
    lang: { type: 'string' },
    speak: { type: 'string' },
    msteams: {
      type: 'object',
      additionalProperties: false,
      properties: { width: { const: 'Full' } },
    },
  },
  definitions: {
    element: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['TextBlock', 'Container', 'ActionSet', 'FactSet', 'Input.Text'] } },
      allOf: byType(['TextBlock', 'Container', 'ActionSet', 'FactSet', 'Input.Text']),
    },
    TextBlock: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'text'],
      properties: {
        ...common,
        type: { const: 'TextBlock' },
        text: { type: 'string', minLength: 1 },
        wrap: { type: 'boolean' },
        weight: { enum: ['Default', 'Lighter', 'Bolder'] },
        size: { enum: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'] },
        color: { enum: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'] },
        isSubtle: { type: 'boolean' },
        maxLines: { type: 'integer', minimum: 1 },
        horizontalAlignment: { enum: ['Left', 'Center', 'Right'] },
        fontType: { enum: ['Default', 'Monospace'] },
        style: { enum: ['default', 'heading'] },
      },
    },
    Container: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'items'],
      properties: {
        ...common,
        type: { const: 'Container' },
        items: { type: 'array', minItems: 1, items: { $ref: '#/definitions/element' } },
        style: { enum: ['default', 'emphasis', 'good', 'attention', 'warning', 'accent'] },
        bleed: { type: 'boolean' },
        selectAction: { $ref: '#/definitions/action' },
        verticalContentAlignment: { enum: ['Top', 'Center', 'Bottom'] },
      },
    },
    ActionSet: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'actions'],
      properties: {
        ...common,
        type: { const: 'ActionSet' },
        actions: { type: 'array', minItems: 1, maxItems: TEAMS_MAX_ACTIONS, items: { $ref: '#/definitions/action' } },
      },
    },
    FactSet: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'facts'],
      properties: {
        ...common,
        type: { const: 'FactSet' },
        facts: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['title', 'value'],
            properties: { title: { type: 'string' }, value: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
    // The follow-up question field (followup.ts): its value goes back only with the submit next to it.
    'Input.Text': {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'id'],
      properties: {
        ...common,
        id: { type: 'string', minLength: 1 },
        type: { const: 'Input.Text' },
        label: { type: 'string' },
        placeholder: { type: 'string' },
        isMultiline: { type: 'boolean' },
        maxLength: { type: 'integer', minimum: 1 },
        style: { enum: ['text', 'tel', 'url', 'email', 'password'] },
        isRequired: { type: 'boolean' },
        errorMessage: { type: 'string' },
      },
    },
    action: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['Action.OpenUrl', 'Action.Submit', 'Action.ToggleVisibility'] } },
      allOf: byType(['Action.OpenUrl', 'Action.Submit', 'Action.ToggleVisibility']),
    },
    'Action.OpenUrl': {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'url', 'title'],
      properties: {
        ...actionCommon,
        type: { const: 'Action.OpenUrl' },
        url: { type: 'string', pattern: '^(https?|mailto|tel):' },
      },
    },
    'Action.Submit': {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'title', 'data'],
      properties: {
        ...actionCommon,
        type: { const: 'Action.Submit' },
        // Teams echoes the data back as activity.value; ours is an object with an "action" discriminator, or an
        // imBack (a suggested question, which Teams sends as the user's own message text).
        data: {
          oneOf: [
            { type: 'object', required: ['action'], not: { required: ['msteams'] } },
            {
              type: 'object',
              additionalProperties: false,
              required: ['msteams'],
              properties: {
                msteams: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['type', 'value'],
                  properties: { type: { const: 'imBack' }, value: { type: 'string', minLength: 1, maxLength: 200 } },
                },
              },
            },
          ],
        },
        associatedInputs: { enum: ['auto', 'none'] },
      },
    },
    'Action.ToggleVisibility': {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'title', 'targetElements'],
      properties: {
        ...actionCommon,
        type: { const: 'Action.ToggleVisibility' },
        targetElements: {
          type: 'array',
          minItems: 1,
          items: {
            anyOf: [
              { type: 'string', minLength: 1 },
              { type: 'object', additionalProperties: false, required: ['elementId'], properties: { elementId: { type: 'string', minLength: 1 }, isVisible: { type: 'boolean' } } },
            ],
          },
        },
      },
    },
  },
} as const;
