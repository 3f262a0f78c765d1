# syntax=docker/dockerfile:1
# PostgreSQL 15 with pg_auto_failover 2.0 (Debian's packages): one image for the monitor and both data nodes; the
# command (deploy/postgres-ha.sh) says which. Build context: the repository root.
#   docker build -f deploy/postgres-ha.Dockerfile .
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 postgresql-15-auto-failover ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && install -d -o postgres -g postgres -m 0700 /var/lib/postgresql/pgaf
COPY --chmod=0755 deploy/postgres-ha.sh /usr/local/bin/postgres-ha
# pg_autoctl keeps its configuration and state beside the data folder (one volume per node).
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/pgaf/data \
    XDG_CONFIG_HOME=/var/lib/postgresql/pgaf/config \
    XDG_DATA_HOME=/var/lib/postgresql/pgaf/share
USER postgres
EXPOSE 5432
ENTRYPOINT ["postgres-ha"]
