"""The first schema, frozen: migration 1 creates exactly this. Never edit it;
change the schema with a new migration in migrations.py."""

SCHEMA_V1 = """
CREATE TABLE person (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    display_name VARCHAR NOT NULL,
    timezone VARCHAR NOT NULL,
    email VARCHAR NOT NULL,
    is_me BOOLEAN NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX ix_person_deleted ON person (deleted);

CREATE INDEX ix_person_is_me ON person (is_me);

CREATE TABLE pair (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    mentor_id VARCHAR NOT NULL,
    mentee_id VARCHAR NOT NULL,
    purpose VARCHAR NOT NULL,
    success_looks_like VARCHAR NOT NULL,
    progress_measure VARCHAR NOT NULL,
    cadence VARCHAR NOT NULL,
    communication_norms VARCHAR NOT NULL,
    goal_approver VARCHAR NOT NULL,
    backup_channel VARCHAR NOT NULL,
    starts_on DATE,
    planned_end_on DATE,
    status VARCHAR NOT NULL,
    closed_at VARCHAR(27),
    PRIMARY KEY (id),
    FOREIGN KEY(mentor_id) REFERENCES person (id),
    FOREIGN KEY(mentee_id) REFERENCES person (id)
);

CREATE INDEX ix_pair_deleted ON pair (deleted);

CREATE INDEX ix_pair_mentee_id ON pair (mentee_id);

CREATE INDEX ix_pair_mentor_id ON pair (mentor_id);

CREATE INDEX ix_pair_status ON pair (status);

CREATE TABLE goal (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    specific VARCHAR NOT NULL,
    measurable VARCHAR NOT NULL,
    achievable VARCHAR NOT NULL,
    relevant VARCHAR NOT NULL,
    due_on DATE,
    status VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    proposed_at VARCHAR(27),
    approved_at VARCHAR(27),
    approved_by_id VARCHAR,
    achieved_at VARCHAR(27),
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(approved_by_id) REFERENCES person (id)
);

CREATE INDEX ix_goal_deleted ON goal (deleted);

CREATE INDEX ix_goal_pair_id ON goal (pair_id);

CREATE INDEX ix_goal_status ON goal (status);

CREATE TABLE mentoring_session (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    starts_at VARCHAR(27) NOT NULL,
    timezone VARCHAR NOT NULL,
    duration_minutes INTEGER NOT NULL,
    agenda VARCHAR NOT NULL,
    shared_notes VARCHAR NOT NULL,
    private_notes VARCHAR NOT NULL,
    takeaways VARCHAR NOT NULL,
    accomplishments VARCHAR NOT NULL,
    roadblocks VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id)
);

CREATE INDEX ix_mentoring_session_deleted ON mentoring_session (deleted);

CREATE INDEX ix_mentoring_session_pair_id ON mentoring_session (pair_id);

CREATE INDEX ix_mentoring_session_starts_at ON mentoring_session (starts_at);

CREATE INDEX ix_mentoring_session_status ON mentoring_session (status);

CREATE TABLE action_item (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    session_id VARCHAR,
    title VARCHAR NOT NULL,
    owner_id VARCHAR,
    due_on DATE,
    status VARCHAR NOT NULL,
    closed_at VARCHAR(27),
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(session_id) REFERENCES mentoring_session (id),
    FOREIGN KEY(owner_id) REFERENCES person (id)
);

CREATE INDEX ix_action_item_deleted ON action_item (deleted);

CREATE INDEX ix_action_item_pair_id ON action_item (pair_id);

CREATE INDEX ix_action_item_session_id ON action_item (session_id);

CREATE INDEX ix_action_item_status ON action_item (status);

CREATE TABLE check_in (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    session_id VARCHAR,
    person_id VARCHAR NOT NULL,
    lesson VARCHAR NOT NULL,
    next_goal VARCHAR NOT NULL,
    last_goal_rating INTEGER,
    answered_at VARCHAR(27) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(session_id) REFERENCES mentoring_session (id),
    FOREIGN KEY(person_id) REFERENCES person (id)
);

CREATE INDEX ix_check_in_answered_at ON check_in (answered_at);

CREATE INDEX ix_check_in_deleted ON check_in (deleted);

CREATE INDEX ix_check_in_pair_id ON check_in (pair_id);

CREATE TABLE feedback (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    session_id VARCHAR,
    author_id VARCHAR NOT NULL,
    observation VARCHAR NOT NULL,
    impact VARCHAR NOT NULL,
    next_step VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(session_id) REFERENCES mentoring_session (id),
    FOREIGN KEY(author_id) REFERENCES person (id)
);

CREATE INDEX ix_feedback_deleted ON feedback (deleted);

CREATE INDEX ix_feedback_pair_id ON feedback (pair_id);

CREATE INDEX ix_feedback_session_id ON feedback (session_id);

CREATE TABLE goal_change (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    goal_id VARCHAR NOT NULL,
    changed_at VARCHAR(27) NOT NULL,
    changed_by_id VARCHAR,
    field VARCHAR NOT NULL,
    old_value VARCHAR NOT NULL,
    new_value VARCHAR NOT NULL,
    goal_status VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(goal_id) REFERENCES goal (id),
    FOREIGN KEY(changed_by_id) REFERENCES person (id)
);

CREATE INDEX ix_goal_change_deleted ON goal_change (deleted);

CREATE INDEX ix_goal_change_goal_id ON goal_change (goal_id);

CREATE TABLE journal_entry (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR,
    author_id VARCHAR NOT NULL,
    written_at VARCHAR(27) NOT NULL,
    title VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    tags VARCHAR NOT NULL,
    goal_id VARCHAR,
    shared BOOLEAN NOT NULL,
    prompt VARCHAR NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(author_id) REFERENCES person (id),
    FOREIGN KEY(goal_id) REFERENCES goal (id)
);

CREATE INDEX ix_journal_entry_deleted ON journal_entry (deleted);

CREATE INDEX ix_journal_entry_pair_id ON journal_entry (pair_id);

CREATE INDEX ix_journal_entry_written_at ON journal_entry (written_at);

CREATE TABLE milestone (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    goal_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    due_on DATE,
    status VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    done_on DATE,
    position INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(goal_id) REFERENCES goal (id)
);

CREATE INDEX ix_milestone_deleted ON milestone (deleted);

CREATE INDEX ix_milestone_due_on ON milestone (due_on);

CREATE INDEX ix_milestone_goal_id ON milestone (goal_id);

CREATE INDEX ix_milestone_pair_id ON milestone (pair_id);

CREATE INDEX ix_milestone_status ON milestone (status);

CREATE TABLE assessment (
    id VARCHAR(36) NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    revision INTEGER NOT NULL,
    deleted BOOLEAN NOT NULL,
    origin VARCHAR NOT NULL,
    pair_id VARCHAR NOT NULL,
    milestone_id VARCHAR NOT NULL,
    assessor_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    score INTEGER NOT NULL,
    comment VARCHAR NOT NULL,
    assessed_at VARCHAR(27) NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(pair_id) REFERENCES pair (id),
    FOREIGN KEY(milestone_id) REFERENCES milestone (id),
    FOREIGN KEY(assessor_id) REFERENCES person (id)
);

CREATE INDEX ix_assessment_deleted ON assessment (deleted);

CREATE INDEX ix_assessment_milestone_id ON assessment (milestone_id);

CREATE INDEX ix_assessment_pair_id ON assessment (pair_id);
"""
