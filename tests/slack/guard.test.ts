/**
 * The payload check in front of Bolt: payloads shaped the way Slack documents them (with all the fields a
 * real workspace sends, enterprise and Slack Connect ones included) pass; broken ones are refused or, for
 * events, acknowledged without dispatch. A check that refused real traffic would silence the bot.
 */
import { describe, expect, test } from "vitest";
import { checkPayload } from "../../adapters/slack/guard/payload.ts";

const rules = { command: "/lesson" };

const command = {
  token: "gIkuvaNzQIHg97ATvDxqgjtO",
  team_id: "T0001",
  team_domain: "example",
  enterprise_id: "E0001",
  enterprise_name: "Globular Construct Inc",
  channel_id: "C2147483705",
  channel_name: "test",
  user_id: "U2147483697",
  user_name: "Steve",
  command: "/lesson",
  text: "burnout",
  api_app_id: "A123456",
  is_enterprise_install: "false",
  response_url: "https://hooks.slack.com/commands/1234/5678",
  trigger_id: "13345224609.738474920.8088930838d88f008e0",
};

const blockActions = {
  type: "block_actions",
  user: { id: "U123", username: "steve", name: "steve", team_id: "T0001" },
  api_app_id: "A123456",
  token: "x",
  container: { type: "message", message_ts: "1548261231.000200", channel_id: "C123", is_ephemeral: true },
  trigger_id: "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
  team: { id: "T0001", domain: "example", enterprise_id: "E0001", enterprise_name: "Globular" },
  enterprise: { id: "E0001", name: "Globular" },
  is_enterprise_install: false,
  channel: { id: "C123", name: "general" },
  state: { values: {} },
  response_url: "https://hooks.slack.com/actions/T0001/123/abc",
  actions: [{ action_id: "lesson:more:0", block_id: "b1", text: { type: "plain_text", text: "More", emoji: true }, value: "m|abc|1", type: "button", action_ts: "1548426417.840180" }],
};

const mention = {
  token: "ZZZZZZWSxiZZZ2yIvs3peJ",
  team_id: "T123ABC456",
  api_app_id: "A123ABC456",
  event: {
    type: "app_mention",
    user: "U123ABC456",
    text: "<@U0LAN0Z89> what is burnout?",
    ts: "1515449522.000016",
    channel: "C123ABC456",
    event_ts: "1515449522000016",
    client_msg_id: "b3b9d3e1",
    team: "T123ABC456",
    blocks: [{ type: "rich_text", block_id: "x", elements: [] }],
  },
  type: "event_callback",
  event_id: "Ev123ABC456",
  event_time: 1515449522000016,
  authorizations: [{ enterprise_id: null, team_id: "T123ABC456", user_id: "U0LAN0Z89", is_bot: true, is_enterprise_install: false }],
  is_ext_shared_channel: false,
  event_context: "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
};

describe("payload check", () => {
  test("payloads as Slack sends them are dispatched", () => {
    for (const body of [
      command,
      blockActions,
      { ...blockActions, team: null, enterprise: null },
      mention,
      { ...mention, event: { type: "message", subtype: "message_changed", channel: "C1", ts: "1.2", hidden: true, message: { type: "message", user: "U1", text: "x", ts: "1.1" }, previous_message: { type: "message", text: "y" }, channel_type: "channel" } },
      { ...mention, event: { type: "message", subtype: "bot_message", bot_id: "B1", bot_profile: { id: "B1" }, text: "hi", channel: "C1", ts: "1.3" } },
      { ...mention, event: { type: "message", channel_type: "im", user: "U1", text: "hi", channel: "D1", ts: "1.4", files: [{ id: "F1" }], subtype: "file_share" } },
      { type: "url_verification", token: "x", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" },
      { ssl_check: "1", token: "x" },
    ]) {
      expect(checkPayload(body, rules), JSON.stringify(body).slice(0, 80)).toEqual({ action: "dispatch" });
    }
  });

  test("well-formed payloads we have no listener for are acknowledged, not refused", () => {
    for (const body of [
      { ...mention, event: { type: "reaction_added", user: "U1", reaction: "thumbsup", item: { type: "message", channel: "C1", ts: "1.1" }, event_ts: "1.2" } },
      { ...mention, event: { type: "member_joined_channel", user: "U1", channel: "C1", channel_type: "C", team: "T1" } },
      { type: "view_submission", user: { id: "U1" }, team: { id: "T1" }, view: { id: "V1", state: { values: {} } } },
      { type: "shortcut", user: { id: "U1" }, team: { id: "T1" }, callback_id: "x", trigger_id: "t" },
      { ...blockActions, actions: [{ ...blockActions.actions[0], action_id: "someone_else:1" }] },
      { type: "app_rate_limited", team_id: "T1", minute_rate_limited: 1518467820, api_app_id: "A1" },
    ]) {
      expect(checkPayload(body, rules)).toMatchObject({ action: "ack", malformed: false });
    }
  });

  test("broken events are acknowledged as malformed; other broken payloads are refused", () => {
    for (const event of [null, "str", 5, [], {}, { type: "app_mention" }, { type: "app_mention", channel: "C1", ts: "1", text: 5 }, { type: "reaction_added", item: null }, { type: "message", channel: "C1", ts: "1", user: null }]) {
      expect(checkPayload({ ...mention, event }, rules)).toMatchObject({ action: "ack", malformed: true });
    }
    for (const body of [
      null,
      "x",
      [],
      {},
      { ...command, command: "/other" },
      { ...command, text: ["a", "b"] },
      { ...command, user_id: undefined },
      { ...command, response_url: "file:///etc/passwd" },
      { ...blockActions, user: undefined },
      { ...blockActions, user: { id: 5 } },
      { ...blockActions, channel: null },
      { ...blockActions, actions: [] },
      { ...blockActions, actions: [{ type: "button" }] },
      { ...blockActions, actions: [{ ...blockActions.actions[0], value: { x: 1 } }] },
      { type: "url_verification" },
      { type: "view_closed", user: { id: "U1" } },
    ]) {
      expect(checkPayload(body, rules), JSON.stringify(body)?.slice(0, 80)).toMatchObject({ action: "reject" });
    }
  });
});
