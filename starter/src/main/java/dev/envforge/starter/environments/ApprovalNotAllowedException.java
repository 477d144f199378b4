package dev.envforge.starter.environments;

/** The caller acts for the team but is neither an admin nor one of its approvers. */
public class ApprovalNotAllowedException extends TeamNotAllowedException {

  public ApprovalNotAllowedException(String team) {
    super(team, "you may not approve or reject requests of team " + team);
  }
}
