package io.wya.social.claims;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.wya.polycentric.SystemKey;
import io.wya.social.database.Bytes;
import io.wya.social.database.Visible;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/// `/resolve_claim` and `/find_claim_and_vouch`: claims vouched for by a trusted system.
@ApplicationScoped
class ClaimQueries {
  private static final String VOUCHED = """
      select e.signed_event as claim, v.signed_event as vouch from claims c
        join events e on e.id = c.event_id
        join event_references r on r.subject = %1$s and r.from_type = 11
        join events v on v.id = r.event_id and v.system = $1
       where c.claim_type = $2 and %2$s
         and not exists (select 1 from censored_systems cs where cs.system = v.system)
         and %3$s""";
  private static final String ANY_FIELD = VOUCHED.formatted(Visible.SUBJECT_OF_E, Visible.EVENT,
      "exists (select 1 from jsonb_each_text(c.fields) f where f.value = $3)") + " order by v.unix_ms desc nulls last, v.id desc limit 100";
  private static final String ALL_FIELDS = VOUCHED.formatted(Visible.SUBJECT_OF_E, Visible.EVENT, "c.fields @> ($3::text)::jsonb")
      + " order by v.unix_ms desc nulls last, v.id desc limit 100";
  private static final String CLAIM_AND_VOUCH = VOUCHED.formatted(Visible.SUBJECT_OF_E, Visible.EVENT,
      "c.system = $4 and c.fields @> ($3::text)::jsonb") + " order by v.unix_ms desc nulls last, v.id desc limit 1";

  private final Pool pool;

  @Inject
  public ClaimQueries(Pool pool) { this.pool = pool; }

  public Uni<List<Match>> matchAnyField(SystemKey trustRoot, long claimType, String value) {
    return matches(ANY_FIELD, Tuple.of(Bytes.buffer(trustRoot.key()), claimType, value));
  }

  /// `fieldsJson` is a JSON object of the fields that must all be present.
  public Uni<List<Match>> matchAllFields(SystemKey trustRoot, long claimType, String fieldsJson) {
    return matches(ALL_FIELDS, Tuple.of(Bytes.buffer(trustRoot.key()), claimType, fieldsJson));
  }

  public Uni<Optional<Match>> claimAndVouch(SystemKey vouching, SystemKey claiming, long claimType, String fieldsJson) {
    return matches(CLAIM_AND_VOUCH, Tuple.of(Bytes.buffer(vouching.key()), claimType, fieldsJson, Bytes.buffer(claiming.key())))
        .map(m -> m.stream().findFirst());
  }

  private Uni<List<Match>> matches(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<Match> matches = new ArrayList<>();
      for (Row row : rows) matches.add(new Match(Bytes.bytes(row.getBuffer("claim")), Bytes.bytes(row.getBuffer("vouch"))));
      return matches;
    });
  }

  public record Match(ByteString claim, ByteString vouch) {}
}
