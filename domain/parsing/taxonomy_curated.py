"""The hand-kept part of the skills taxonomy: spellings people write that O*NET and
ESCO lack, and the aliases that are also everyday words (read by
`domain.parsing.taxonomy_build`)."""

# Spellings people write that the sources lack: "[category]" lines, then
# "Canonical name = alias, alias" items separated by ";".
_CURATED_TEXT = """
[Programming language]
JavaScript = JS, Javascript, ECMAScript, ES6, Vanilla JS; TypeScript = TS
Python = Python3, Python 3, Python 2; Java = Java SE, Java EE, J2EE, Core Java
Go = Golang, Go lang; C = ANSI C, C language, C programming; C++ = CPP, C plus plus
C# = C sharp, CSharp; R = R programming, R language, RStudio; Rust = Rust lang; Ruby
Swift = SwiftUI; Kotlin; Scala; PHP; Bash = Shell scripting, Bash scripting, Shell
Assembly = Assembly language, x86 assembly
[Query language]
SQL = Structured query language, T-SQL, PL/SQL
[Web technology]
HTML = HTML5, Hypertext markup language; CSS = CSS3, Cascading style sheets
[Hardware description language]
VHDL
[Framework]
Node.js = Node, NodeJS, Node JS; React = React.js, ReactJS, React JS; React Native
Vue.js = Vue, VueJS; Angular = AngularJS, Angular.js; Next.js = NextJS
Express = Express.js, ExpressJS; Django; Flask; FastAPI; Spring = Spring Framework
Spring Boot = SpringBoot; Ruby on Rails = Rails, RoR
.NET = dotnet, .NET Core, ASP.NET, ASP.NET Core; Flutter
[Database]
PostgreSQL = Postgres, PostgresSQL, psql; MySQL
Microsoft SQL Server = MSSQL, MS SQL, SQL Server; MongoDB = Mongo; Redis
Elasticsearch = Elastic Search, ELK, ELK stack; DynamoDB = Amazon DynamoDB
Snowflake; BigQuery = Google BigQuery; NoSQL; Supabase; Firebase
[Cloud platform]
Amazon Web Services = AWS, Amazon AWS; Google Cloud Platform = GCP, Google Cloud
Microsoft Azure = Azure
[DevOps]
Kubernetes = k8s, kube, EKS, GKE, AKS; Docker = Docker Compose
Terraform = HashiCorp Terraform; Ansible; Jenkins
CI/CD = CICD, CI / CD, continuous integration, continuous delivery
CI/CD = continuous deployment
Git; GitHub = GitHub Actions; GitLab = GitLab CI
[Operating system]
Linux; Unix
[Data engineering]
Apache Kafka = Kafka; Apache Spark = Spark, PySpark; Apache Airflow = Airflow
Apache Flink = Flink; Hadoop = Apache Hadoop; ETL = ELT; dbt
[Data & ML]
Pandas; NumPy; Matplotlib; scikit-learn = sklearn, scikit learn; TensorFlow; PyTorch
Keras; Machine learning = ML; Deep learning; Artificial intelligence = AI
Natural language processing = NLP; Large language models = LLM, LLMs
Data analysis = Data analytics; Data visualization = Data visualisation
[Business intelligence]
Tableau; Power BI = PowerBI, Microsoft Power BI; Looker
[Office software]
Microsoft Excel = Excel, MS Excel; Microsoft Word = MS Word
Microsoft PowerPoint = PowerPoint, MS PowerPoint
Microsoft Office = MS Office, Office 365, Microsoft 365
Google Workspace = G Suite, GSuite
[API]
GraphQL; REST = REST API, REST APIs, RESTful, RESTful APIs, RESTful API; gRPC
[Security]
OAuth = OAuth2, OAuth 2.0
[Architecture]
Microservices = Microservice architecture; Distributed systems
[Practice]
Agile = Agile methodologies, Agile development; Scrum; Kanban; DevOps
Test automation = Automated testing
[Testing]
Selenium; Cypress; Jest; Pytest; Postman
[Tool]
Jira = Atlassian JIRA, JIRA; Confluence = Atlassian Confluence
[Design tool]
Figma
[Mobile]
iOS; Android
[Hardware]
Raspberry Pi; Arduino
[Management]
Project management
[CRM]
Salesforce
[ERP]
SAP = SAP ERP
[Observability]
Prometheus; Grafana; Datadog
"""


def curated_entries(text: str = _CURATED_TEXT) -> dict[str, tuple[str, list[str]]]:
    """Canonical name -> (category, aliases) from the curated table."""
    entries: dict[str, tuple[str, list[str]]] = {}
    category = ""
    for line in text.strip().splitlines():
        if line.startswith("["):
            category = line.strip("[]")
            continue
        for item in line.split(";"):
            name, _, aliases = item.partition("=")
            known = entries.get(name.strip(), (category, []))[1]
            more = [a.strip() for a in aliases.split(",") if a.strip()]
            entries[name.strip()] = (category, [*known, *more])
    return entries


# Aliases that are also everyday words or letters: matched only inside a skills list
# or next to other technical skills or words such as "programming".
_AMBIGUOUS_TEXT = """
go r c d swift rust ruby spring sap java express sketch assembly rails unity dart
julia scheme elm ada delphi pascal basic shell make ant chef puppet salt spark hive
pig storm flask excel word access project teams outlook office react node vue next
ember backbone meteor jest mocha cypress postman less sass ts js ml ai elk kube
notes docs sheets slides forms drive keynote pages numbers mail looker snowflake
airflow confluence agile scrum kanban oracle windows visio publisher dynamics
lambda redshift glue athena
"""
AMBIGUOUS = frozenset(_AMBIGUOUS_TEXT.split())
