// The Neo4j schema of pat-graph: one uniqueness constraint per node key of the model
// (pat_graph.model.KEY_PROPERTY) plus the indexes the load statements and the analysts'
// queries need. Every statement is idempotent (IF NOT EXISTS); `pat-graph init` and every
// load apply this file. Statements end with ';' so the file can be pasted into Neo4j Browser
// (enable "multi-statement query editor") or run with cypher-shell.

CREATE CONSTRAINT territory_dane_code IF NOT EXISTS FOR (n:Territory) REQUIRE n.dane_code IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT instance_id IF NOT EXISTS FOR (n:Instance) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (n:Agreement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;

// Filters used by the queries in cypher/queries/
CREATE INDEX territory_department_code IF NOT EXISTS FOR (n:Territory) ON (n.department_code);
CREATE INDEX territory_kind IF NOT EXISTS FOR (n:Territory) ON (n.kind);
CREATE INDEX actor_department_code IF NOT EXISTS FOR (n:Actor) ON (n.department_code);
CREATE INDEX actor_sector IF NOT EXISTS FOR (n:Actor) ON (n.sector);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX instance_department_code IF NOT EXISTS FOR (n:Instance) ON (n.department_code);
CREATE INDEX instance_kind IF NOT EXISTS FOR (n:Instance) ON (n.kind);
CREATE INDEX instrument_department_code IF NOT EXISTS FOR (n:Instrument) ON (n.department_code);
CREATE INDEX instrument_status IF NOT EXISTS FOR (n:Instrument) ON (n.status);
CREATE INDEX agreement_department_code IF NOT EXISTS FOR (n:Agreement) ON (n.department_code);
CREATE INDEX event_department_code IF NOT EXISTS FOR (n:Event) ON (n.department_code);

// Load history of the store (label _PatGraphLoad, outside the domain model)
CREATE CONSTRAINT pat_graph_load_id IF NOT EXISTS FOR (n:_PatGraphLoad) REQUIRE n.id IS UNIQUE;
