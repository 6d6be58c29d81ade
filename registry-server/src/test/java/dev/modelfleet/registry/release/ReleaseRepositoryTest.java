package dev.modelfleet.registry.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The release tables' constraints and queries on real PostgreSQL (the JPA slice). */
@DataJpaTest
class ReleaseRepositoryTest {
  @Autowired ReleaseRepository releases;
  @Autowired JdbcTemplate jdbc;

  long modelId;

  @BeforeEach
  void model() {
    modelId =
        jdbc.queryForObject(
            "insert into model (name, targets_signing, created_at) values ('m', 'ONLINE', now())"
                + " returning id",
            Long.class);
  }

  Release release(long number, String version) {
    return new Release(
        modelId, number, version, null, null, null, null, "{}", null, Instant.EPOCH, "t");
  }

  @Test
  void highestReleaseNumberIsZeroForANewModelThenTheMaximum() {
    assertThat(releases.maxReleaseNumber(modelId)).isZero();
    releases.save(release(3, "1.0.0"));
    releases.save(release(7, "1.1.0"));
    assertThat(releases.maxReleaseNumber(modelId)).isEqualTo(7);
  }

  @Test
  void databaseRefusesADuplicateReleaseNumberEvenIfTheServiceWereBypassed() {
    releases.saveAndFlush(release(1, "1.0.0"));
    assertThatThrownBy(() -> releases.saveAndFlush(release(1, "1.0.1")))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
