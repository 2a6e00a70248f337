-- Donations (seed 004). Portable SQL: runs unchanged on H2 and PostgreSQL.
-- The id is the seed's UUID string, kept as VARCHAR(36) (canonical lower-case form): H2's and PostgreSQL's
-- native UUID types bind differently from JDBC strings, text compares the same on both.
-- Users are referred to by id (*_by, donor_id); donor_name is the donor's username when the donation was made.
CREATE TABLE donation (
    id               VARCHAR(36)      PRIMARY KEY,
    name             VARCHAR(200)     NOT NULL,
    food_type        VARCHAR(100)     NOT NULL,
    quantity         VARCHAR(50)      NOT NULL,
    unit             VARCHAR(30)      NOT NULL,
    description      VARCHAR(2000),
    location_lat     DOUBLE PRECISION NOT NULL CHECK (location_lat BETWEEN -90 AND 90),
    location_lng     DOUBLE PRECISION NOT NULL CHECK (location_lng BETWEEN -180 AND 180),
    location_address VARCHAR(500)     NOT NULL,
    donor_id         BIGINT           NOT NULL REFERENCES app_user (id),
    donor_name       VARCHAR(50)      NOT NULL,
    status           VARCHAR(16)      NOT NULL,
    expiry_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by       BIGINT REFERENCES app_user (id),
    claimed_at       TIMESTAMP WITH TIME ZONE,
    picked_up_by     BIGINT REFERENCES app_user (id),
    picked_up_at     TIMESTAMP WITH TIME ZONE,
    delivered_by     BIGINT REFERENCES app_user (id),
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_donation_status CHECK (status IN ('AVAILABLE', 'CLAIMED', 'PICKED_UP', 'DELIVERED')),
    -- every step records who and when: a status implies the columns of every step up to it
    CONSTRAINT ck_donation_claimed CHECK (status = 'AVAILABLE' OR (claimed_by IS NOT NULL AND claimed_at IS NOT NULL)),
    CONSTRAINT ck_donation_picked_up CHECK (status IN ('AVAILABLE', 'CLAIMED')
            OR (picked_up_by IS NOT NULL AND picked_up_at IS NOT NULL)),
    CONSTRAINT ck_donation_delivered CHECK (status <> 'DELIVERED'
            OR (delivered_by IS NOT NULL AND delivered_at IS NOT NULL))
);

CREATE INDEX ix_donation_created_at ON donation (created_at);
CREATE INDEX ix_donation_status_created_at ON donation (status, created_at);

-- A donation's image URLs, in the order given (at most 10, checked by the API).
CREATE TABLE donation_image (
    donation_id VARCHAR(36)   NOT NULL REFERENCES donation (id) ON DELETE CASCADE,
    list_index  INTEGER       NOT NULL,
    url         VARCHAR(2048) NOT NULL,
    PRIMARY KEY (donation_id, list_index)
);
